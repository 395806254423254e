import EcouteCore

/// The lists the psychologist picks from, labelled in the UI language.
enum Pickers {
    static let noneID = "-"

    static func none(_ s: Strings) -> PickerItem { PickerItem(id: noneID, label: s["picker.none"]) }

    static func caller(_ s: Strings) -> Picker {
        let professions = Profession.allCases.map { PickerItem(id: $0.rawValue, label: s["profession.\($0.rawValue)"]) }
        let others = [CallerCategory.student, .family, .other].map { PickerItem(id: $0.rawValue, label: s["category.\($0.rawValue)"]) }
        return Picker(purpose: .caller, title: s["picker.caller"], items: professions + others + [none(s)])
    }

    static func studentField(_ s: Strings) -> Picker {
        Picker(purpose: .studentField, title: s["picker.studentField"],
               items: Profession.allCases.map { PickerItem(id: $0.rawValue, label: s["profession.\($0.rawValue)"]) })
    }

    static func familyOf(_ s: Strings) -> Picker {
        Picker(purpose: .familyOf, title: s["picker.familyOf"],
               items: Profession.allCases.map { PickerItem(id: $0.rawValue, label: s["profession.\($0.rawValue)"]) } + [none(s)])
    }

    static func status(_ s: Strings) -> Picker {
        Picker(purpose: .status, title: s["picker.status"],
               items: EmploymentStatus.allCases.map { PickerItem(id: $0.rawValue, label: s["status.\($0.rawValue)"]) } + [none(s)])
    }

    static func sector(_ s: Strings) -> Picker {
        Picker(purpose: .sector, title: s["picker.sector"],
               items: Sector.allCases.map { PickerItem(id: $0.rawValue, label: s["sector.\($0.rawValue)"]) } + [none(s)])
    }

    static func departement(_ s: Strings, _ geography: Geography) -> Picker {
        Picker(purpose: .departement, title: s["picker.departement"],
               items: geography.departements.map { PickerItem(id: $0.code, label: "\($0.code)  \($0.name)") } + [none(s)],
               departementSearch: true)
    }

    /// Where the caller is, at level 5: every département, and « inconnu » as an answer.
    static func callerLocation(_ s: Strings, _ geography: Geography) -> Picker {
        Picker(purpose: .callerLocation, title: s["picker.callerLocation"],
               items: geography.departements.map { PickerItem(id: $0.code, label: "\($0.code)  \($0.name)") }
                   + [PickerItem(id: noneID, label: s["location.unknown"])],
               departementSearch: true)
    }

    static func referralKind(_ s: Strings) -> Picker {
        Picker(purpose: .referralKindToAdd, title: s["picker.addReferral"],
               items: ReferralKind.allCases.map { PickerItem(id: $0.rawValue, label: s["kind.\($0.rawValue)"]) })
    }

    static func referralGap(_ kind: ReferralKind, _ s: Strings) -> Picker {
        Picker(purpose: .referralGap(kind), title: s.format("picker.referralGap", s["kind.\(kind.rawValue)"]),
               items: ReferralGapReason.allCases.map { PickerItem(id: $0.rawValue, label: s["gap.\($0.rawValue)"]) })
    }

    static func skippedStep(_ steps: [EmergencyStep], _ s: Strings) -> Picker {
        Picker(purpose: .skippedStep, title: s["picker.skippedStep"],
               items: steps.map { PickerItem(id: $0.rawValue, label: s["step.\($0.rawValue)"]) })
    }

    static func directoryKind(_ s: Strings) -> Picker {
        Picker(purpose: .directoryKind, title: s["picker.directoryKind"],
               items: [PickerItem(id: noneID, label: s["directory.allKinds"])]
                   + ReferralKind.allCases.map { PickerItem(id: $0.rawValue, label: s["kind.\($0.rawValue)"]) })
    }

    static func directoryDepartement(_ s: Strings, _ geography: Geography) -> Picker {
        var picker = departement(s, geography)
        picker.purpose = .directoryDepartement
        picker.allItems = [PickerItem(id: noneID, label: s["directory.allFrance"])] + picker.allItems.dropLast()
        return picker
    }
}
