import EcouteCore

/// What a key does on a screen.
public enum Action: Equatable, Sendable {
    case pickUp, hangUp, lineDropped, callerBack, wrapUpAfterDrop
    case openEmergency, closeEmergency, toggleStep(EmergencyStep), callNumber(EmergencyNumber), explainStep, raisedByMistake, editFollowUp
    case confirmLocation, pickLocation
    case save, acknowledge, resume, wrapUpInterrupted
    case editCaller, editStatus, editSector, editDepartement, toggleRepeat, editNotes
    case classify(ClassificationLevel), toggleAddiction, toggleHospitalisation
    case previousReferral, nextReferral, toggleReferral, swapReferral, addReferral
    case openDirectory, closeDirectory, directoryMove(Int), directoryDetails, directoryChoose, directoryAdd
    case directoryKind, directoryDepartement, directoryTeleconsultation, directoryClear, directoryEmergency
    case demoPause, demoFaster, demoSlower, demoChooseScenario, demoWriteDebrief
    case help, quit
}

/// A key (or several) bound to an action, with its label for the key bar and help.
public struct KeyBinding: Sendable {
    public var keys: [Key]
    /// How the key is written on screen ("F5", "p", "0-5").
    public var label: String
    /// String-table key of the description.
    public var description: String
    public var action: Action
    /// Shown in the bottom bar (the rest only in help).
    public var inBar: Bool
}

extension KeyBinding {
    /// The same binding, listed in help only.
    var hiddenFromBar: KeyBinding { var b = self; b.inBar = false; return b }
}

/// The key map of every screen.
public enum KeyBindings {
    static func b(_ keys: [Key], _ label: String, _ description: String, _ action: Action, bar: Bool = true) -> KeyBinding {
        KeyBinding(keys: keys, label: label, description: description, action: action, inBar: bar)
    }

    static let help = b([.function(1), .character("?")], "F1", "key.help", .help)
    static let profile: [KeyBinding] = [
        b([.character("p")], "p", "key.caller", .editCaller, bar: false),
        b([.character("s")], "s", "key.status", .editStatus, bar: false),
        b([.character("e")], "e", "key.sector", .editSector, bar: false),
        b([.character("d")], "d", "key.departement", .editDepartement, bar: false),
        b([.character("r")], "r", "key.repeat", .toggleRepeat, bar: false),
        b([.character("n")], "n", "key.notes", .editNotes),
    ]
    static let emergency = b([.function(9), .character("!")], "F9", "key.emergency", .openEmergency)
    static let directory = b([.character("/"), .function(3)], "/", "key.directory", .openDirectory)

    public static func forPhase(_ phase: SessionPhase) -> [KeyBinding] {
        switch phase {
        case .idle:
            return [help, b([.function(2), .enter], "F2", "key.pickUp", .pickUp), directory, b([.character("q")], "q", "key.quit", .quit)]
        case .inCall:
            return [help, b([.function(5)], "F5", "key.hangUp", .hangUp), b([.function(6)], "F6", "key.lineDropped", .lineDropped),
                    emergency] + profile + [directory.hiddenFromBar]
        case .dropped:
            return [help, b([.function(2), .enter], "F2", "key.callerBack", .callerBack),
                    b([.function(5)], "F5", "key.wrapUpAfterDrop", .wrapUpAfterDrop), emergency] + profile + [directory.hiddenFromBar]
        case .emergency:
            return [help,
                    b([.character("1")], "1", "key.number.samu", .callNumber(.samu)),
                    b([.character("2")], "2", "key.number.european", .callNumber(.european), bar: false),
                    b([.character("3")], "3", "key.number.suicidePrevention", .callNumber(.suicidePrevention), bar: false),
                    b([.character("4")], "4", "key.step.supervisorCalled", .toggleStep(.supervisorCalled)),
                    b([.character("5")], "5", "key.step.callerKeptOnLine", .toggleStep(.callerKeptOnLine)),
                    b([.character("x")], "x", "key.explainStep", .explainStep),
                    b([.character("e")], "e", "key.raisedByMistake", .raisedByMistake),
                    b([.enter], "Entrée", "key.confirmLocation", .confirmLocation, bar: false),
                    b([.character("l")], "l", "key.pickLocation", .pickLocation, bar: false),
                    b([.escape, .function(9)], "Esc", "key.closeEmergency", .closeEmergency),
                    b([.function(5)], "F5", "key.hangUp", .hangUp, bar: false),
                    b([.function(6)], "F6", "key.lineDropped", .lineDropped, bar: false),
                    b([.character("n")], "n", "key.notes", .editNotes, bar: false)]
        case .wrapUp:
            return [help,
                    b(ClassificationLevel.allCases.map { .character(Character("\($0.rawValue)")) }, "0-5", "key.classify", .classify(.administrative)),
                    b([.character("a")], "a", "key.addiction", .toggleAddiction, bar: false),
                    b([.character("h")], "h", "key.hospitalisation", .toggleHospitalisation, bar: false),
                    b([.character("f")], "f", "key.followUp", .editFollowUp, bar: false),
                    b([.up], "↑", "key.previousReferral", .previousReferral, bar: false),
                    b([.down], "↓", "key.nextReferral", .nextReferral, bar: false),
                    b([.character(" ")], "Espace", "key.toggleReferral", .toggleReferral, bar: false),
                    b([.tab, .right], "Tab", "key.swapReferral", .swapReferral, bar: false),
                    b([.character("+")], "+", "key.addReferral", .addReferral, bar: false),
                    b([.character("/"), .function(3)], "/", "key.directoryForReferral", .openDirectory),
                    b([.function(10), .control("s")], "F10", "key.save", .save),
                    emergency] + profile
        case .saved:
            return [help, b([.enter, .escape], "Entrée", "key.acknowledge", .acknowledge),
                    b([.function(2)], "F2", "key.pickUp", .pickUp)]
        case .interrupted:
            return [help, b([.function(2), .enter], "F2", "key.resume", .resume),
                    b([.function(5)], "F5", "key.wrapUpInterrupted", .wrapUpInterrupted)]
        }
    }

    /// The keys of what is on screen: the directory when it is open, else the session's phase.
    public static func current(_ model: AppModel) -> [KeyBinding] {
        guard let browser = model.directory else { return forPhase(model.session.phase) + forDemo(model) }
        return forDirectory(browser, phase: model.session.phase)
    }

    /// Training mode's keys, on top of the screen's: the demo clock everywhere, choosing a
    /// scenario before pick-up, writing the debrief after the save.
    public static func forDemo(_ model: AppModel) -> [KeyBinding] {
        guard model.demo != nil else { return [] }
        var bindings = [
            b([.control("p")], "^P", "key.demo.pause", .demoPause, bar: false),
            b([.control("f")], "^F", "key.demo.faster", .demoFaster, bar: false),
            b([.control("b")], "^B", "key.demo.slower", .demoSlower, bar: false),
        ]
        switch model.session.phase {
        case .idle: bindings.insert(b([.character("s")], "s", "key.demo.scenario", .demoChooseScenario), at: 0)
        case .saved: bindings.insert(b([.character("w")], "w", "key.demo.writeDebrief", .demoWriteDebrief), at: 0)
        default: break
        }
        return bindings
    }

    /// The directory screen's keys; letters, digits and spaces go to the search.
    public static func forDirectory(_ browser: DirectoryBrowser, phase: SessionPhase) -> [KeyBinding] {
        let enter: KeyBinding
        switch browser.purpose {
        case .browse: enter = b([.enter], "Entrée", "key.directory.details", .directoryDetails)
        case .replace: enter = b([.enter], "Entrée", "key.directory.replace", .directoryChoose)
        case .add: enter = b([.enter], "Entrée", "key.directory.add", .directoryChoose)
        }
        var bindings = [
            b([.function(1)], "F1", "key.help", .help),
            b([.escape], "Esc", browser.showingDetails ? "key.directory.back" : "key.directory.close", .closeDirectory),
            enter,
        ]
        if browser.purpose != .browse {
            bindings.append(b([.function(3)], "F3", "key.directory.details", .directoryDetails, bar: false))
        }
        if case .replace = browser.purpose {
            bindings.append(b([.function(8)], "F8", "key.directory.add", .directoryAdd, bar: false))
        }
        bindings += [
            b([.function(4)], "F4", "key.directory.kind", .directoryKind),
            b([.function(6)], "F6", "key.directory.departement", .directoryDepartement),
            b([.function(7)], "F7", "key.directory.teleconsultation", .directoryTeleconsultation),
            b([.up], "↑", "key.directory.previous", .directoryMove(-1), bar: false),
            b([.down], "↓", "key.directory.next", .directoryMove(1), bar: false),
            b([.pageUp], "PgUp", "key.directory.pageUp", .directoryMove(-10), bar: false),
            b([.pageDown], "PgDn", "key.directory.pageDown", .directoryMove(10), bar: false),
            b([.control("u")], "^U", "key.directory.clear", .directoryClear, bar: false),
        ]
        if [.inCall, .dropped, .wrapUp].contains(phase) {
            bindings.append(b([.function(9)], "F9", "key.emergency", .directoryEmergency))
        }
        return bindings
    }

    /// The key as written on screen, in the UI language ("Entrée" / "Enter", "Espace" / "Space").
    public static func displayLabel(_ binding: KeyBinding, _ strings: Strings) -> String {
        switch binding.label {
        case "Entrée": return strings["key.enterLabel"]
        case "Espace": return strings["key.spaceLabel"]
        default: return binding.label
        }
    }

    /// The action of a key on a screen; digits classify at their level (during the call, the
    /// session answers that classification happens at wrap-up).
    public static func action(for key: Key, phase: SessionPhase) -> Action? {
        if [.wrapUp, .inCall, .dropped].contains(phase), case .character(let c) = key, let n = c.wholeNumberValue,
           let level = ClassificationLevel(rawValue: n) {
            return .classify(level)
        }
        return forPhase(phase).first { $0.keys.contains(key) }?.action
    }
}

extension Action {
    /// Acts on the list of referrals (or saves it): waits while a new proposal is on its way.
    var actsOnReferrals: Bool {
        switch self {
        case .previousReferral, .nextReferral, .toggleReferral, .swapReferral, .save: return true
        default: return false
        }
    }
}
