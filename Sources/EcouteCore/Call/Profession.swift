/// The health professions of callers (and the fields students train for).
///
/// Raw values are stable identifiers stored in the database and used as keys of the UI string
/// tables (`profession.<rawValue>`); never rename one without a migration.
public enum Profession: String, CaseIterable, Codable, Sendable {
    case medecin
    case infirmier
    case aideSoignant
    case pharmacien
    case sageFemme
    case chirurgienDentiste
    case orthophoniste
    case masseurKinesitherapeute
    case ergotherapeute
    case pedicurePodologue
    case psychomotricien
    case orthoptiste
    case manipulateurElectroradiologie
    case technicienLaboratoire
    case audioprothesiste
    case opticien
    case prothesisteOrthesiste
    case dieteticien
    case auxiliairePuericulture
    case ambulancier
    case preparateurPharmacie
    case psychologue
    /// Medical, pharmacy or dental intern (« interne »), a profession of its own on the line.
    case interne
}
