/// Who is calling, in the broad sense: a professional, a student, a relative, or someone else.
public enum CallerCategory: String, CaseIterable, Codable, Sendable {
    case professional
    case student
    case family
    case other
}

/// The caller's employment status.
public enum EmploymentStatus: String, CaseIterable, Codable, Sendable {
    case salaried
    case selfEmployed
    case student
    case family
}

/// Where the caller works (or trains).
public enum Sector: String, CaseIterable, Codable, Sendable {
    case hospital
    case clinic
    case ehpad
    case privatePractice
    /// A community pharmacy (« officine »).
    case pharmacy
    case homeCare
    case training
    case other
}

/// The anonymous profile of a caller. There is deliberately no field for a name, a phone number,
/// a birth date or an address: the line is anonymous and these must never be stored.
public struct CallerProfile: Equatable, Codable, Sendable {
    public var category: CallerCategory?
    /// For a professional, their profession; for a student, the field they train for.
    public var profession: Profession?
    public var status: EmploymentStatus?
    public var sector: Sector?
    /// Département code ("69", "2A", "974"); optional, used to find nearby referrals.
    public var departement: String?
    /// `true` for a repeat caller, `false` for a first call, `nil` when not asked.
    public var isRepeatCaller: Bool?
    /// On a line with its own caller categories (the police line), the caller's category there
    /// (`CallLine.Category.id`); `category` then holds its kind.
    public var lineCategory: String?

    public init(
        category: CallerCategory? = nil, profession: Profession? = nil,
        status: EmploymentStatus? = nil, sector: Sector? = nil,
        departement: String? = nil, isRepeatCaller: Bool? = nil
    ) {
        self.category = category
        self.profession = profession
        self.status = status
        self.sector = sector
        self.departement = departement
        self.isRepeatCaller = isRepeatCaller
    }

    /// Sets who is calling; the status follows where it is implied (students, families). For a
    /// student, the profession is the field of study; for a family member or close relation, the
    /// profession of the person concerned.
    public mutating func setCaller(_ category: CallerCategory, profession: Profession?) {
        self.category = category
        self.profession = category == .other ? nil : profession
        self.lineCategory = nil
        followStatus(category)
    }

    /// Sets who is calling on a line with its own categories: its kind, and no health profession.
    public mutating func setLineCategory(_ lineCategory: CallLine.Category) {
        self.category = lineCategory.kind
        self.profession = nil
        self.lineCategory = lineCategory.id
        followStatus(lineCategory.kind)
    }

    private mutating func followStatus(_ category: CallerCategory) {
        switch category {
        case .student: status = .student
        case .family: status = .family
        case .professional, .other:
            if status == .student || status == .family { status = nil }
        }
    }
}
