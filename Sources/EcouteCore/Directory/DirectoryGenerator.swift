/// Writes a synthetic but plausible directory: realistic names, every département, every kind,
/// a dedicated unit per region and the real national emergency numbers. Phone numbers are taken
/// from the ranges ARCEP reserves for fiction, so sample data never rings a real person.
public struct DirectoryGenerator: Sendable {
    public let geography: Geography
    /// Reference date (YYYY-MM-DD year) for "last verified" dates, so output is reproducible.
    public let referenceYear: Int

    public init(geography: Geography, referenceYear: Int = 2026) {
        self.geography = geography
        self.referenceYear = referenceYear
    }

    /// Share of each département-level kind among generated entries.
    static let weights: [(ReferralKind, Int)] = [
        (.psychologist, 30), (.gp, 33), (.psychiatrist, 19), (.legal, 6), (.administrative, 6), (.replacement, 6),
    ]

    /// At least `entries` entries: the national numbers, a unit per region (two in the larger
    /// regions), département entries of each kind spread evenly over the 101 départements, and an
    /// addiction service (CSAPA) in each.
    public func generate(entries: Int, seed: UInt64 = 1) -> [DirectoryEntry] {
        var rng = SeededGenerator(seed: seed)
        var out = nationalNumbers()
        for region in geography.regions {
            let deps = geography.departements.filter { $0.regionCode == region.code }
            let unitCount = deps.count >= 8 ? 2 : 1
            for i in 0..<unitCount {
                out.append(unit(region: region, at: deps[(i * 3) % deps.count], index: i, rng: &rng))
            }
        }
        let perDepartement = max(1, (entries - out.count) / geography.departements.count)
        var serial = 0
        for dep in geography.departements {
            // Every kind at least once per département, then the rest by weight.
            var kinds = Self.weights.map(\.0)
            let total = Self.weights.reduce(0) { $0 + $1.1 }
            while kinds.count < perDepartement {
                var pick = Int.random(in: 0..<total, using: &rng)
                for (kind, w) in Self.weights {
                    if pick < w { kinds.append(kind); break }
                    pick -= w
                }
            }
            for kind in kinds {
                serial += 1
                out.append(entry(kind: kind, in: dep, serial: serial, rng: &rng))
            }
        }
        // An addiction service in every département, drawn from a generator of its own so that the
        // entries above stay the same as before this kind existed.
        var addictionRNG = SeededGenerator(seed: seed &+ 0xADD1C7)
        for dep in geography.departements {
            serial += 1
            var service = entry(kind: .addiction, in: dep, serial: serial, rng: &addictionRNG)
            service.active = true
            out.append(service)
        }
        return out + associations()
    }

    /// The professions' own associations named in the line's documents, each matched to the
    /// remit it publishes (sources, quotes and what is still unverified: `docs/associations.md`).
    /// Specialities list the professions served (never « toutes » unless a source says so), and
    /// `ReferralKind.studentsTag` only where a source names students; a region, or nationwide.
    /// A phone number only where a public source gives it; otherwise « coordonnées à vérifier »,
    /// and no number is ever invented. An association whose remit no source establishes serves
    /// no profession: it stays in the directory, found by search, and is never proposed.
    public func associations() -> [DirectoryEntry] {
        let unchecked = "coordonnées à vérifier"
        func association(_ id: String, _ name: String, serving professions: [Profession], region: String?,
                         phone: String? = nil, website: String = "") -> DirectoryEntry {
            DirectoryEntry(source: "associations", sourceID: id, kind: .association, name: name,
                           organisation: "Association d'entraide", address: phone == nil ? unchecked : "",
                           departement: nil, region: region, phones: phone.map { [$0] } ?? [], website: website,
                           specialities: professions.map(\.rawValue), active: true, lastVerified: nil)
        }
        return [
            // AAPML (now AAPMS): liberal physicians first, then salaried ones « y compris les internes »;
            // the national line it runs for the Ordre des médecins is for « médecins et internes ».
            association("aapml", "AAPML — médecins et internes", serving: [.medecin, .interne], region: nil),
            // ADOP: pharmacists, national since its 2020 partnership with the Ordre des pharmaciens.
            association("adop", "ADOP — pharmaciens", serving: [.pharmacien], region: nil, phone: "0800 73 69 59"),
            // ARENE: « médecins … libéraux, hospitaliers et étudiants internes » of Alsace and Lorraine (Grand Est).
            association("arene", "ARENE — médecins et internes d'Alsace et de Lorraine", serving: [.medecin, .interne],
                        region: "44"),
            // ASSPC: no published remit found; kept by name, proposed to no one.
            association("asspc", "ASSPC — Poitou-Charentes (mission à vérifier)", serving: [], region: "75"),
            // MOTS: physicians, and since 2018 « tous les soignants avec Ordre professionnel ».
            association("mots", "MOTS — médecins et soignants ordinaux",
                        serving: [.medecin, .infirmier, .chirurgienDentiste, .masseurKinesitherapeute, .pharmacien,
                                  .pedicurePodologue, .sageFemme],
                        region: nil, phone: "06 08 28 25 89", website: "https://www.association-mots.org"),
            // SMART (CFAR): anesthetists-intensivists, opened to every medical speciality; its
            // freephone closed on 1 October 2017.
            association("smart", "SMART (CFAR) — santé au travail des médecins", serving: [.medecin], region: nil,
                        website: "https://cfar.org/sante-au-travail-smart/"),
        ]
    }

    private func nationalNumbers() -> [DirectoryEntry] {
        [
            DirectoryEntry(source: "national", sourceID: "samu-15", kind: .emergency,
                           name: "SAMU — 15", organisation: "Aide médicale urgente",
                           departement: nil, region: nil, phones: ["15"], specialities: ["urgence"],
                           openingHours: "24h/24, 7j/7", lastVerified: "\(referenceYear)-01-15"),
            DirectoryEntry(source: "national", sourceID: "urgence-112", kind: .emergency,
                           name: "Numéro d'urgence européen — 112", organisation: "Services d'urgence",
                           departement: nil, region: nil, phones: ["112"], specialities: ["urgence"],
                           openingHours: "24h/24, 7j/7", lastVerified: "\(referenceYear)-01-15"),
            DirectoryEntry(source: "national", sourceID: "3114", kind: .emergency,
                           name: "3114 — prévention du suicide", organisation: "Numéro national de prévention du suicide",
                           departement: nil, region: nil, phones: ["3114"], specialities: ["suicide"],
                           openingHours: "24h/24, 7j/7", lastVerified: "\(referenceYear)-01-15"),
        ]
    }

    private func unit(region: Region, at dep: Departement, index: Int, rng: inout SeededGenerator) -> DirectoryEntry {
        let beds = Int.random(in: 20...30, using: &rng)
        return DirectoryEntry(
            source: "sample", sourceID: "unit-\(region.code)-\(index + 1)", kind: .unit,
            name: "Unité de soins des soignants — \(dep.prefecture)",
            organisation: "Centre hospitalier de \(dep.prefecture)",
            address: "\(Int.random(in: 1...120, using: &rng)) \(Self.streets.randomElement(using: &rng)!)",
            postcode: postcode(dep), city: dep.prefecture, departement: dep.code, region: region.code,
            phones: [phone(dep, rng: &rng)], email: "unite.soignants.\(region.code)\(index + 1)@example.org",
            website: "https://example.org/unites/\(region.code)-\(index + 1)", teleconsultation: false,
            languages: ["fr"], specialities: ["burnout", "depression", "addiction", "harassment"],
            capacity: beds, openingHours: "Admissions du lundi au vendredi, 9h–17h",
            active: true, lastVerified: verifiedDate(rng: &rng))
    }

    private func entry(kind: ReferralKind, in dep: Departement, serial: Int, rng: inout SeededGenerator) -> DirectoryEntry {
        let first = Self.firstNames.randomElement(using: &rng)!
        let last = Self.lastNames.randomElement(using: &rng)!
        var name: String
        var organisation = ""
        var specialities: [String] = []
        var tele = Int.random(in: 0..<10, using: &rng) < 4
        var hours = "Lundi–vendredi, 9h–19h"
        switch kind {
        case .psychologist:
            name = "\(first) \(last), psychologue"
            organisation = "Cabinet de psychologie"
            specialities = pick(["anxiety", "depression", "burnout", "trauma", "sleep", "addiction", "students", "harassment"], 2, &rng)
        case .gp:
            name = "Dr \(first) \(last)"
            organisation = "Cabinet de médecine générale"
            specialities = pick(["addiction", "burnout", "sleep", "depression", "anxiety"], 1, &rng)
        case .psychiatrist:
            name = "Dr \(first) \(last), psychiatre"
            organisation = Int.random(in: 0..<2, using: &rng) == 0 ? "Centre médico-psychologique de \(dep.prefecture)" : "Cabinet de psychiatrie"
            specialities = pick(["depression", "suicide", "addiction", "burnout", "trauma"], 2, &rng)
        case .legal:
            name = Int.random(in: 0..<2, using: &rng) == 0 ? "Point-justice de \(dep.prefecture)" : "Maître \(first) \(last), avocat en droit de la santé"
            organisation = "Accès au droit"
            specialities = ["droit du travail", "harassment"]
            tele = false
        case .administrative:
            name = "Service social — \(dep.name)"
            organisation = "Assurance maladie"
            specialities = ["arrêt de travail", "prévoyance"]
            hours = "Lundi–vendredi, 8h30–16h30"
        case .replacement:
            name = "Plateforme de remplacement des soignants — \(dep.name)"
            organisation = "Union régionale des professionnels de santé"
            specialities = ["remplacement"]
            tele = false
        case .addiction:
            name = "CSAPA de \(dep.prefecture)"
            organisation = "Centre de soins, d'accompagnement et de prévention en addictologie"
            specialities = ["addiction"]
            tele = false
            hours = "Lundi–vendredi, 9h–18h"
        case .unit, .emergency, .association:
            name = "\(first) \(last)"
        }
        return DirectoryEntry(
            source: "sample", sourceID: "\(kind.rawValue)-\(dep.code)-\(serial)", kind: kind, name: name,
            organisation: organisation,
            address: "\(Int.random(in: 1...200, using: &rng)) \(Self.streets.randomElement(using: &rng)!)",
            postcode: postcode(dep), city: dep.prefecture, departement: dep.code, region: dep.regionCode,
            phones: [phone(dep, rng: &rng)],
            email: "contact\(serial)@example.org", website: "", teleconsultation: tele,
            languages: Int.random(in: 0..<8, using: &rng) == 0 ? ["fr", "en"] : ["fr"],
            specialities: specialities, capacity: nil, openingHours: hours,
            active: Int.random(in: 0..<25, using: &rng) != 0, lastVerified: verifiedDate(rng: &rng))
    }

    private func pick(_ pool: [String], _ count: Int, _ rng: inout SeededGenerator) -> [String] {
        Array(pool.shuffled(using: &rng).prefix(count)).sorted()
    }

    private func postcode(_ dep: Departement) -> String {
        switch dep.code {
        case "2A": return "20000"
        case "2B": return "20200"
        case let c where c.count == 3: return c + "00"
        default: return dep.code + "000"
        }
    }

    /// ARCEP's numbers reserved for fiction: 01 99 00, 02 61 91, 03 53 01, 04 65 71, 05 36 49.
    private func phone(_ dep: Departement, rng: inout SeededGenerator) -> String {
        let prefix: String
        switch dep.regionCode {
        case "11": prefix = "01 99 00"
        case "28", "52", "53", "24": prefix = "02 61 91"
        case "32", "44", "27": prefix = "03 53 01"
        case "84", "93", "94": prefix = "04 65 71"
        case "75", "76": prefix = "05 36 49"
        default: prefix = "02 61 91"
        }
        return "\(prefix) \(twoDigits(Int.random(in: 0...99, using: &rng))) \(twoDigits(Int.random(in: 0...99, using: &rng)))"
    }

    private func verifiedDate(rng: inout SeededGenerator) -> String {
        let year = referenceYear - Int.random(in: 0...1, using: &rng)
        let month = Int.random(in: 1...12, using: &rng)
        let day = Int.random(in: 1...28, using: &rng)
        return "\(year)-\(twoDigits(month))-\(twoDigits(day))"
    }

    static let firstNames = [
        "Camille", "Claire", "Julie", "Sophie", "Nathalie", "Isabelle", "Aurélie", "Émilie", "Hélène", "Céline",
        "Manon", "Léa", "Chloé", "Inès", "Sarah", "Anne", "Marion", "Élodie", "Françoise", "Agnès",
        "Thomas", "Nicolas", "Julien", "Antoine", "Pierre", "François", "Olivier", "Laurent", "Mathieu", "Sébastien",
        "Jérôme", "Guillaume", "Hugo", "Lucas", "Karim", "Mehdi", "Yann", "Benoît", "Stéphane", "Rémi",
    ]
    static let lastNames = [
        "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
        "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier",
        "Morel", "Girard", "André", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez", "Legrand",
        "Garnier", "Faure", "Rousseau", "Blanc", "Guérin", "Muller", "Henry", "Roussel", "Nicolas", "Perrin",
        "Le Gall", "Kerbrat", "Benali", "Haddad", "Nguyen", "Da Silva", "Etcheverry", "Casanova", "Payet", "Hoarau",
    ]
    static let streets = [
        "rue de la République", "avenue Jean-Jaurès", "boulevard Victor-Hugo", "rue Pasteur", "place de la Mairie",
        "rue du Général-de-Gaulle", "avenue de la Gare", "rue des Écoles", "rue Nationale", "quai des Soignants",
        "rue Émile-Zola", "allée des Tilleuls", "rue Jules-Ferry", "chemin des Vignes", "rue Sainte-Anne",
    ]
}

private func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
