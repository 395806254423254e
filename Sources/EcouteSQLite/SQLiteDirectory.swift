import EcouteCore
import Foundation
import GRDB
import Synchronization

/// The referral directory over SQLite: ranked candidates, full-text search, rotation.
extension String {
    var folded: String { TextFolding.fold(self) }
}

public struct SQLiteDirectory: ReferralDirectory, DirectorySearching {
    let file: DirectoryFile
    let geography: Geography

    public init(file: DirectoryFile, geography: Geography) {
        self.file = file
        self.geography = geography
    }

    public func candidates(
        kind: ReferralKind, near departement: String?, preferring speciality: String?,
        excluding: Set<Int64>, limit: Int
    ) throws -> [RankedEntry] {
        let tiers = self.tiers(for: kind, near: departement)
        return try file.read { db in
            var found: [RankedEntry] = []
            var seen = excluding
            // Real entries before sample data: none of the sample once a real source covers the kind.
            let realOnly = try Bool.fetchOne(db, SQLRequest<Bool>(literal: """
                SELECT EXISTS (SELECT 1 FROM directory_real_kinds WHERE kind = \(kind.rawValue))
                """, cached: true)) ?? false
            // Units with a free bed first, full units after every available one.
            let bedPasses: [SQL] = kind == .unit
                ? ["(e.capacity IS NULL OR e.capacity > 0)", "e.capacity = 0"]
                : ["1"]
            for beds in bedPasses {
                for tier in tiers {
                    // In each place: the entries of the preferred speciality, then the others;
                    // each the one given least recently first (never given first, by id).
                    for preferred in speciality.map({ [$0, nil] }) ?? [nil] {
                        let remaining = limit - found.count
                        if remaining <= 0 { return found }
                        for entry in try inRotationOrder(db, kind: kind, tier: tier, beds: beds, speciality: preferred,
                                                         realOnly: realOnly, seen: seen, limit: remaining) {
                            seen.insert(entry.id!)
                            found.append(RankedEntry(entry: entry, tier: tier.tier))
                        }
                    }
                }
            }
            return found
        }
    }

    /// Entries of a place (of a speciality, when given) in rotation order, without reading the
    /// whole place: those never given first, by id — walking an index in id order (one walk per
    /// disjoint part of the place, merged), or, for a speciality, the full-text index, whose
    /// matches come in id order (kind, place and speciality are its tokens) — then, if too few,
    /// those given, the longest ago first, from the rotation counts (one row per entry ever
    /// given). A speciality list is matched exactly as written; the full-text index only finds.
    func inRotationOrder(_ db: Database, kind: ReferralKind, tier: Tier, beds: SQL, speciality: String?,
                         realOnly: Bool = false, seen: Set<Int64>, limit: Int) throws -> [DirectoryEntry] {
        var filter: SQL = "e.kind = \(kind.rawValue) AND e.active = 1 AND \(beds)"
        if realOnly { filter += " AND NOT e.sample" }
        // The entries already taken, as one JSON array: the statement's text stays the same
        // however many there are, so it is prepared once and cached (a list of placeholders
        // made a new statement for each count, each prepared anew).
        if !seen.isEmpty {
            let taken = "[" + seen.sorted().map(String.init).joined(separator: ",") + "]"
            filter += " AND e.id NOT IN (SELECT value FROM json_each(\(taken)))"
        }
        if let speciality { filter += " AND (';' || e.specialities || ';') LIKE \("%;\(speciality);%")" }
        let neverGivenHere: SQL = """
            NOT EXISTS (SELECT 1 FROM directory_rotation r
                        WHERE r.source = e.source AND r.source_id = e.source_id AND r.last_given_at IS NOT NULL)
            """
        var neverGiven: [DirectoryEntry] = []
        if let speciality, let tags = tier.tags {
            let match = "{specialities} : \"\(speciality.replacingOccurrences(of: "\"", with: ""))\""
                + " AND search_tags : (\"xkind\(kind.rawValue)\" AND \(tags))"
            neverGiven = try Self.entries(db, SQLRequest(literal: """
                SELECT \(sql: EntryRow.columns) FROM directory_search s JOIN directory_entries e ON e.id = s.rowid
                WHERE directory_search MATCH \(match) AND \(tier.place) AND \(filter) AND \(neverGivenHere)
                ORDER BY s.rowid LIMIT \(limit)
                """, cached: true))
        } else {
            for part in tier.parts {
                neverGiven += try Self.entries(db, SQLRequest(literal: """
                    SELECT \(sql: EntryRow.columns) FROM directory_entries e
                    WHERE \(part) AND \(filter) AND \(neverGivenHere)
                    ORDER BY e.id LIMIT \(limit)
                    """, cached: true))
            }
            if tier.parts.count > 1 { neverGiven.sort { $0.id! < $1.id! } }
        }
        if neverGiven.count >= limit { return Array(neverGiven.prefix(limit)) }
        // CROSS JOIN keeps the rotation counts outside: SQLite has no statistics for them and
        // otherwise walked the whole place probing them (3 ms at a million entries, even empty).
        let given = try Self.entries(db, SQLRequest(literal: """
            SELECT \(sql: EntryRow.columns) FROM directory_rotation r
            CROSS JOIN directory_entries e ON e.source = r.source AND e.source_id = r.source_id
            WHERE r.last_given_at IS NOT NULL AND \(tier.place) AND \(filter)
            ORDER BY r.last_given_at, e.id LIMIT \(limit - neverGiven.count)
            """, cached: true))
        return neverGiven + given
    }

    /// The entries a request selects (`EntryRow.columns` first), read straight from SQLite's
    /// columns as the search reads them: GRDB's `Row` copies every value of a row first.
    static func entries(_ db: Database, _ request: SQLRequest<Row>) throws -> [DirectoryEntry] {
        let statement = try request.makePreparedRequest(db).statement
        var found: [DirectoryEntry] = []
        let cursor = try Row.fetchCursor(statement)
        while try cursor.next() != nil {
            found.append(EntryRow.entry(statement: statement.sqliteStatement))
        }
        return found
    }

    public func associations(serving profession: Profession, student: Bool, near departement: String?, limit: Int) throws -> [RankedEntry] {
        let region = departement.flatMap { geography.departement($0)?.regionCode }
        return try file.read { db in
            // A handful of rows nationwide: the speciality list is matched as written.
            let rows = try Row.fetchAll(db, SQLRequest(literal: """
                SELECT \(sql: EntryRow.columns) FROM directory_entries e
                LEFT JOIN directory_rotation r ON r.source = e.source AND r.source_id = e.source_id
                WHERE kind = \(ReferralKind.association.rawValue) AND active = 1
                  AND ((';' || specialities || ';') LIKE \("%;\(profession.rawValue);%")
                       OR (';' || specialities || ';') LIKE \("%;\(ReferralKind.everyProfessionTag);%"))
                  AND (\(!student) OR (';' || specialities || ';') LIKE \("%;\(ReferralKind.studentsTag);%"))
                  AND (region IS NULL OR region = \(region))
                ORDER BY region IS NULL, r.last_given_at IS NOT NULL, r.last_given_at, id
                LIMIT \(limit)
                """, cached: true))
            return rows.map { row in
                let entry = EntryRow.entry(row)
                let tier: ReferralTier = entry.region == nil ? .national
                    : (entry.departement == departement ? .sameDepartement : .region)
                return RankedEntry(entry: entry, tier: tier)
            }
        }
    }

    /// One place to look: its condition; its tokens in the full-text index, when it has some
    /// (nil: none say it); and the same condition as disjoint parts each served by an index in
    /// id order (several for a list of départements).
    struct Tier: Sendable {
        var tier: ReferralTier
        var place: SQL
        var tags: String?
        var parts: [SQL]

        init(_ tier: ReferralTier, _ place: SQL, tags: String?, parts: [SQL]? = nil) {
            self.tier = tier
            self.place = place
            self.tags = tags
            self.parts = parts ?? [place]
        }
    }

    /// The places to look, nearest first, as disjoint SQL conditions; made once per place and
    /// remembered (building each place's SQL with GRDB's literals was a third of what a
    /// proposal spent outside SQLite, docs/benchmarks.md). The key is what the tiers are made
    /// of — the département, its region and its neighbours — so another geography makes its own.
    func tiers(for kind: ReferralKind, near departement: String?) -> [Tier] {
        guard let code = departement, let dep = geography.departement(code), !kind.isNational else {
            return Self.nationalTiers
        }
        let neighbours = geography.neighbours(of: dep.code)
        let key = ([dep.code, dep.regionCode] + neighbours).joined(separator: ",")
        if let known = Self.madeTiers.withLock({ $0[key] }) { return known }
        let made = Self.tiers(dep, neighbours: neighbours)
        Self.madeTiers.withLock { tiers in
            if tiers.count >= 1_000 { tiers.removeAll(keepingCapacity: true) }
            tiers[key] = made
        }
        return made
    }

    private static let madeTiers = Mutex<[String: [Tier]]>([:])

    /// Anywhere in France, for a national kind or an unknown place.
    static let nationalTiers = [
        Tier(.national, "e.departement IS NULL", tags: "\"xdepnational\""),
        Tier(.teleconsultation, "e.departement IS NOT NULL AND e.teleconsultation = 1", tags: "\"xtele\""),
        Tier(.national, "e.departement IS NOT NULL AND e.teleconsultation = 0", tags: nil),
    ]

    /// A département's tiers: itself, its neighbours, its region, teleconsultation, national.
    static func tiers(_ dep: Departement, neighbours: [String]) -> [Tier] {
        let near = [dep.code] + neighbours
        func tag(_ departement: String) -> String { "\"xdep\(departement.lowercased())\"" }
        return [
            Tier(.sameDepartement, "e.departement = \(dep.code)", tags: tag(dep.code)),
            Tier(.neighbour, "e.departement IN \(neighbours)",
                 tags: neighbours.isEmpty ? nil : "(" + neighbours.map(tag).joined(separator: " OR ") + ")",
                 parts: neighbours.isEmpty ? ["0"] : neighbours.map { "e.departement = \($0)" }),
            Tier(.region, "e.region = \(dep.regionCode) AND e.departement NOT IN \(near)", tags: "\"xreg\(dep.regionCode.lowercased())\""),
            Tier(.teleconsultation, "e.teleconsultation = 1 AND e.region IS NOT \(dep.regionCode) AND e.departement NOT IN \(near)",
                 tags: "\"xtele\""),
            Tier(.national, "e.departement IS NULL", tags: "\"xdepnational\""),
        ]
    }

    /// Full-text search on name, organisation, city and specialities, accents and case folded,
    /// each word taken as a prefix; with optional filters. With words, the filters are tokens of
    /// the full-text index and the first `limit` matches are returned sorted by name (more
    /// matches mean the search should be narrowed); without words, entries come by name.
    public func search(
        _ text: String, kind: ReferralKind? = nil, departement: String? = nil, region: String? = nil,
        teleconsultation: Bool? = nil, includeInactive: Bool = false, limit: Int = 50
    ) throws -> [DirectoryEntry] {
        try file.read { db in
            try search(db, TypedSearch.words(text), kind: kind, departement: departement, region: region,
                       teleconsultation: teleconsultation, includeInactive: includeInactive, limit: limit)
        }
    }

    /// The same in a read: `city`, only entries whose city has these words (a commune named);
    /// `realOnly`, no fictitious sample entry. Otherwise real before sample: every real match
    /// first, then the sample's entries of kinds only the sample holds, then those of a kind a
    /// real source holds (`directory_real_kinds`), so that « martin » on the register lists its
    /// real doctors, not the first fictitious names of the sample the file was seeded with; the
    /// sample entries are still listed (marked « fictif »), after.
    func search(
        _ db: Database, _ words: [String], kind: ReferralKind? = nil, departement: String? = nil, region: String? = nil,
        city: [String] = [], realOnly: Bool = false, teleconsultation: Bool? = nil, includeInactive: Bool = false, limit: Int = 50
    ) throws -> [DirectoryEntry] {
        let inCity = city.isEmpty ? nil : "{city} : (" + city.map { "\"\($0.replacingOccurrences(of: "\"", with: ""))\"" }.joined(separator: " ") + ")"
        guard !words.isEmpty || inCity != nil, teleconsultation != false else {
            var sql: SQL = "SELECT \(sql: EntryRow.columns) FROM directory_entries e WHERE 1"
            if !words.isEmpty { sql += " AND e.id IN (SELECT rowid FROM directory_search WHERE directory_search MATCH \(Self.match(words))) " }
            if realOnly { sql += " AND NOT e.sample" }
            if let kind { sql += " AND e.kind = \(kind.rawValue)" }
            if let departement { sql += " AND e.departement = \(departement)" }
            if let region { sql += " AND e.region = \(region)" }
            if let teleconsultation { sql += " AND e.teleconsultation = \(teleconsultation)" }
            if !includeInactive { sql += " AND e.active = 1" }
            sql += " ORDER BY \(sql: Self.sampleRank), e.name, e.id LIMIT \(limit)"
            return try Row.fetchAll(db, SQLRequest(literal: sql)).map(EntryRow.entry)
        }
        var tags: [String] = []
        if let kind { tags.append("xkind" + kind.rawValue) }
        if let departement { tags.append("xdep" + departement.lowercased()) }
        if let region { tags.append("xreg" + region) }
        if teleconsultation == true { tags.append("xtele") }
        var parts: [String] = words.isEmpty ? [] : [Self.match(words)]
        if let inCity { parts.append(inCity) }
        if !tags.isEmpty { parts.append("search_tags : (" + tags.map { "\"\($0)\"" }.joined(separator: " AND ") + ")") }
        let match = parts.joined(separator: " AND ")
        // Almost every entry is active: checking the row is cheaper than intersecting with
        // the posting list of "xactive", which is as long as the directory. One cached
        // statement per variant, the match and the limit bound: a keystroke prepares nothing.
        // Real entries first (none but those when `realOnly`); then, if the limit leaves room,
        // the sample's entries of kinds no real source holds; then those a real source
        // supersedes. A directory with no real entry at all (the sample alone) is one pass.
        let passes: [String]
        if realOnly {
            passes = [" AND NOT e.sample"]
        } else if try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM directory_real_kinds)")) == true {
            passes = [" AND NOT e.sample", " AND e.sample AND NOT \(Self.supersededSample)", " AND \(Self.supersededSample)"]
        } else {
            passes = [""]
        }
        var found: [DirectoryEntry] = []
        for sample in passes where found.count < limit {
            let statement = try db.cachedStatement(sql: """
                SELECT \(EntryRow.columns), e.sort_key FROM directory_search s JOIN directory_entries e ON e.id = s.rowid
                WHERE directory_search MATCH ?\(includeInactive ? "" : " AND e.active = 1")\(sample) LIMIT ?
                """)
            try statement.setArguments([match, limit - found.count])
            found += try Self.byName(statement)
        }
        return found
    }

    /// A sample entry of a kind a real source holds: listed after the others, never proposed.
    static let supersededSample = "(e.sample AND e.kind IN (SELECT kind FROM directory_real_kinds))"

    /// Where an entry comes in a search's list: 0 real, 1 sample of a kind only the sample
    /// holds, 2 sample superseded by a real source.
    static let sampleRank = "(e.sample + \(supersededSample))"

    /// A search statement's entries sorted by name, accents and case folded: the key folded at
    /// import, read after the entry's columns. The keys are sorted with the entries' positions,
    /// and the entries (large) moved once.
    static func byName(_ statement: Statement) throws -> [DirectoryEntry] {
        var entries: [DirectoryEntry] = []
        var keys: [(key: String, id: Int64, position: Int)] = []
        let cursor = try Row.fetchCursor(statement)
        while try cursor.next() != nil {
            let entry = EntryRow.entry(statement: statement.sqliteStatement)
            keys.append((SQLiteCallStream.Column.optionalText(statement.sqliteStatement, 21) ?? "", entry.id ?? 0, entries.count))
            entries.append(entry)
        }
        keys.sort { ($0.key, $0.id) < ($1.key, $1.id) }
        return keys.map { entries[$0.position] }
    }

    /// The typed words as an FTS5 query on the searchable columns (not the filter tokens).
    static func match(_ words: [String]) -> String {
        let columns = "{name organisation city specialities}"
        guard words.contains(where: namesDoctors) else {
            return columns + " : (" + words.map(matchTerm).joined(separator: " AND ") + ")"
        }
        // « médecin » is not a kind (a psychiatrist is one too) but it means the doctors: GPs
        // and psychiatrists, whose register entries never write the word, as well as the
        // entries that do (associations for doctors among them).
        return words.map { word in
            "(" + columns + " : " + matchTerm(word) + (namesDoctors(word) ? " OR search_tags : (\"xkind\(ReferralKind.gp.rawValue)\" OR \"xkind\(ReferralKind.psychiatrist.rawValue)\")" : "") + ")"
        }.joined(separator: " AND ")
    }

    /// « médecin », « médecins », « docteur », « doctor »…: a word that names doctors.
    static func namesDoctors(_ word: String) -> Bool {
        doctorWords.contains(TextFolding.fold(word))
    }

    static let doctorWords: Set<String> = ["medecin", "medecins", "docteur", "docteurs", "doctor", "doctors"]

    /// One word of a search as an FTS5 term: the word as a prefix, or a speciality it names
    /// (« épuis » also finds entries coded "burnout"). Quotes are dropped scalar by scalar, in the
    /// standard library (Foundation's `replacingOccurrences` cost a cold search two conformance scans).
    static func matchTerm(_ word: String) -> String {
        let prefix = "\"" + String(word.unicodeScalars.filter { $0 != "\"" }) + "\"*"
        let codes = SpecialityVocabulary.codes(matching: word)
        guard !codes.isEmpty else { return prefix }
        return "(" + ([prefix] + codes.map { "\"\($0)\"" }).joined(separator: " OR ") + ")"
    }

    /// The directory screen's search, read as typed (`TypedSearch`). With a kind and a place
    /// (typed, or the screen's filters): entries of that kind in the commune named, then the
    /// rest of the département, then its neighbours, each by name, then the kind's entries
    /// anywhere whose names match the other words and the place's. With a kind and no place:
    /// that kind's entries matching the other words. Sample entries are left out for a kind a
    /// real source holds. With no kind: the full-text search of the words as typed.
    public func search(_ query: DirectoryQuery, limit: Int) throws -> [DirectoryEntry] {
        let typed = TypedSearch.read(query.text, geography: geography)
        guard let kind = typed.kind ?? query.kind else {
            return try search(query.text, departement: query.departement,
                              teleconsultation: query.teleconsultationOnly ? true : nil, limit: limit)
        }
        let tele: Bool? = query.teleconsultationOnly || typed.teleconsultation ? true : nil
        return try file.read { db in
            let realOnly = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM directory_real_kinds WHERE kind = ?)",
                                             arguments: [kind.rawValue]) ?? false
            // No kind nor place word typed: the words as typed, in the screen's filters.
            guard typed.kind != nil || typed.departement != nil else {
                return try search(db, typed.words, kind: kind, departement: query.departement, realOnly: realOnly,
                                  teleconsultation: tele, limit: limit)
            }
            guard let departement = typed.departement ?? query.departement, !kind.isNational else {
                return try search(db, typed.words, kind: kind, realOnly: realOnly, teleconsultation: tele, limit: limit)
            }
            var found: [DirectoryEntry] = []
            var seen: Set<Int64> = []
            func add(_ entries: [DirectoryEntry]) {
                for e in entries where found.count < limit && seen.insert(e.id ?? -1).inserted { found.append(e) }
            }
            if let commune = typed.commune {
                add(try search(db, typed.words, kind: kind, departement: departement, city: TypedSearch.words(TextFolding.fold(commune)),
                               realOnly: realOnly, teleconsultation: tele, limit: limit))
            }
            add(try search(db, typed.words, kind: kind, departement: departement, realOnly: realOnly, teleconsultation: tele,
                           limit: limit + found.count))
            var neighbours: [DirectoryEntry] = []
            for code in geography.neighbours(of: departement) where found.count < limit {
                neighbours += try search(db, typed.words, kind: kind, departement: code, realOnly: realOnly, teleconsultation: tele,
                                         limit: limit - found.count)
            }
            add(neighbours.sorted { (DirectorySchema.sortKey($0.name), $0.id ?? 0) < (DirectorySchema.sortKey($1.name), $1.id ?? 0) })
            // Then the kind's entries anywhere whose names have the words, the place's included
            // (« lyon » is also Dr Lyon's name).
            let named = typed.words + typed.placeWords.filter { !$0.allSatisfy(\.isNumber) }
            if found.count < limit, !named.isEmpty {
                add(try search(db, named, kind: kind, realOnly: realOnly, teleconsultation: tele, limit: limit))
            }
            return found
        }
    }

    public func entry(id: Int64) throws -> DirectoryEntry? {
        try file.read { db in
            try Row.fetchOne(db, sql: "SELECT \(EntryRow.columns) FROM directory_entries e WHERE id = ?", arguments: [id]).map(EntryRow.entry)
        }
    }

    public func count() throws -> Int {
        try file.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM directory_entries") ?? 0 }
    }

    /// Every entry, in a stable order, for export.
    public func allEntries() throws -> [DirectoryEntry] {
        try file.read { db in
            try Row.fetchAll(db, sql: "SELECT \(EntryRow.columns) FROM directory_entries e ORDER BY source, source_id").map(EntryRow.entry)
        }
    }
}
