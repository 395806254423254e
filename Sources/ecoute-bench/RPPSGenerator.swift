import EcouteCore
import Foundation

/// A synthetic extract of France's register (« PS_LibreAcces_Personne_activite »): the 56
/// columns in their published order, one line per professional × place, professions in
/// roughly the register's proportions (most lines are nurses, pharmacists, physiotherapists…,
/// which the import skips), some professionals at two places, some without phone. `keptFactor`
/// makes the kinds the import keeps (GPs, psychiatrists, psychologists) that many times as
/// frequent, for a directory of a given size from fewer lines.
struct RPPSGenerator {
    static let header = """
        Type d'identifiant PP|Identifiant PP|Identification nationale PP|Code civilité d'exercice|Libellé civilité d'exercice|\
        Code civilité|Libellé civilité|Nom d'exercice|Prénom d'exercice|Code profession|Libellé profession|\
        Code catégorie professionnelle|Libellé catégorie professionnelle|Code type savoir-faire|Libellé type savoir-faire|\
        Code savoir-faire|Libellé savoir-faire|Code mode exercice|Libellé mode exercice|Numéro SIRET site|Numéro SIREN site|\
        Numéro FINESS site|Numéro FINESS établissement juridique|Identifiant technique de la structure|Raison sociale site|\
        Enseigne commerciale site|Complément destinataire (coord. structure)|Complément point géographique (coord. structure)|\
        Numéro Voie (coord. structure)|Indice répétition voie (coord. structure)|Code type de voie (coord. structure)|\
        Libellé type de voie (coord. structure)|Libellé Voie (coord. structure)|Mention distribution (coord. structure)|\
        Bureau cedex (coord. structure)|Code postal (coord. structure)|Code commune (coord. structure)|\
        Libellé commune (coord. structure)|Code pays (coord. structure)|Libellé pays (coord. structure)|\
        Téléphone (coord. structure)|Téléphone 2 (coord. structure)|Télécopie (coord. structure)|\
        Adresse e-mail (coord. structure)|Code Département (structure)|Libellé Département (structure)|\
        Ancien identifiant de la structure|Autorité d'enregistrement|Code secteur d'activité|Libellé secteur d'activité|\
        Code section tableau pharmaciens|Libellé section tableau pharmaciens|Code rôle|Libellé rôle|Code genre activité|\
        Libellé genre activité|
        """

    /// (profession, savoir-faire, weight in thousandths).
    static let professions: [(String, String, Int)] = [
        ("Infirmier", "", 300), ("Pharmacien", "", 90), ("Masseur-Kinésithérapeute", "", 100),
        ("Médecin", "Médecine Générale", 60), ("Médecin", "Psychiatrie", 10),
        ("Médecin", "Psychiatrie de l'enfant et de l'adolescent", 2), ("Médecin", "Cardiologie et maladies vasculaires", 20),
        ("Médecin", "Anesthesie-réanimation", 20), ("Médecin", "Pédiatrie", 20), ("Psychologue", "", 50),
        ("Chirurgien-Dentiste", "", 50), ("Sage-Femme", "", 30), ("Orthophoniste", "", 30), ("Ergothérapeute", "", 20),
        ("Pédicure-Podologue", "", 18), ("Manipulateur ERM", "", 40), ("Audioprothésiste", "", 10), ("Opticien-Lunetier", "", 50),
        ("Diététicien", "", 20), ("Psychomotricien", "", 20), ("Orthoptiste", "", 10), ("Technicien de laboratoire médical", "", 30),
    ]
    static let firstNames = ["Camille", "Hélène", "Jean", "Léa", "Louis", "Manon", "Noé", "Chloé", "Hugo", "Inès", "Zoé", "Rémi"]
    static let lastNames = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
                            "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "Fournier", "Girard", "Bonnet", "Dupont", "Lambert"]
    static let streets = ["de la République", "Victor Hugo", "Jean Jaurès", "des Écoles", "de la Gare", "Pasteur", "du Marché"]

    let geography: Geography
    var keptFactor = 1

    init(geography: Geography, keptFactor: Int = 1) {
        self.geography = geography
        self.keptFactor = keptFactor
    }

    /// The profession mix, the kept kinds' weights multiplied by `keptFactor`.
    var professions: [(String, String, Int)] {
        Self.professions.map { p in
            RPPSExtract.kind(profession: p.0, skill: p.1) == nil ? p : (p.0, p.1, p.2 * keptFactor)
        }
    }

    /// Writes `lines` lines (the header aside) to `path`, a few megabytes at a time, in UTF-8 or
    /// (`windows1252`) in Windows-1252; answers how many lines are of a kind the import keeps
    /// (each one professional at one place, with an address: the entries an import must keep).
    @discardableResult
    func write(lines: Int, to path: String, seed: UInt64, windows1252: Bool = false) throws -> Int {
        guard FileManager.default.createFile(atPath: path, contents: nil), let out = FileHandle(forWritingAtPath: path) else {
            throw BenchError("cannot create \(path)")
        }
        defer { try? out.close() }
        var rng = SeededGenerator(seed: seed)
        func encoded(_ text: String) -> Data {
            windows1252 ? text.data(using: .windowsCP1252)! : Data(text.utf8)
        }
        let professions = self.professions
        var buffer = encoded(Self.header + "\r\n")
        let departements = geography.departements
        let total = professions.reduce(0) { $0 + $1.2 }
        var written = 0, person = 0, kept = 0
        while written < lines {
            person += 1
            var pick = Int.random(in: 0..<total, using: &rng)
            let profession = professions.first { pick -= $0.2; return pick < 0 }!
            let places = Int.random(in: 0..<8, using: &rng) == 0 ? 2 : 1
            let first = Self.firstNames.randomElement(using: &rng)!, last = Self.lastNames.randomElement(using: &rng)!
            for place in 0..<places where written < lines {
                let dep = departements.randomElement(using: &rng)!
                let postcode = Self.postcode(dep.code, Int.random(in: 0..<100, using: &rng))
                let phone = Int.random(in: 0..<6, using: &rng) == 0 ? "" : "0\(Int.random(in: 1...5, using: &rng))\(Int.random(in: 10_000_000...99_999_999, using: &rng))"
                let number = Int.random(in: 0..<20, using: &rng) == 0 ? "" : "\(Int.random(in: 1...120, using: &rng))"
                let doctor = profession.0 == "Médecin"
                var f = [String](repeating: "", count: 56)
                f[0] = "8"; f[1] = "1\(String(format: "%010d", person))"; f[2] = "8" + f[1]
                f[3] = doctor ? "DR" : ""; f[4] = doctor ? "Docteur" : ""; f[5] = "MME"; f[6] = "Madame"
                f[7] = last.uppercased(); f[8] = first; f[10] = profession.0; f[12] = "Civil"
                f[14] = profession.1.isEmpty ? "" : "Spécialité ordinale"; f[16] = profession.1; f[18] = "Libéral"
                f[23] = "S\(person)-\(place)"; f[24] = "Cabinet \(last)"; f[28] = number; f[31] = "rue"
                f[32] = Self.streets.randomElement(using: &rng)!; f[35] = postcode; f[37] = dep.prefecture.uppercased()
                f[38] = "99000"; f[39] = "France"; f[40] = phone; f[44] = Int.random(in: 0..<3, using: &rng) == 0 ? "" : dep.code
                f[45] = dep.name; f[47] = "CNOM"
                buffer.append(encoded(f.joined(separator: "|") + "|\r\n"))
                written += 1
                if RPPSExtract.kind(profession: profession.0, skill: profession.1) != nil { kept += 1 }
            }
            if buffer.count > 4 << 20 {
                try out.write(contentsOf: buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        try out.write(contentsOf: buffer)
        return kept
    }

    static func postcode(_ dep: String, _ n: Int) -> String {
        switch dep {
        case "2A": return String(format: "201%02d", n % 100)
        case "2B": return String(format: "202%02d", n % 100)
        default: return dep.count == 3 ? dep + String(format: "%02d", n % 100) : dep + String(format: "%03d", n * 10 % 1000)
        }
    }
}
