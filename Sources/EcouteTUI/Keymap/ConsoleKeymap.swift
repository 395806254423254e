import EcouteCore

/// What a key does on the console's screens (the call, the directory, training mode).
public enum Action: Equatable, Sendable {
    case pickUp, hangUp, lineDropped, callerBack, wrapUpAfterDrop
    case openEmergency, closeEmergency, toggleStep(EmergencyStep), callNumber(EmergencyNumber), explainStep, raisedByMistake, editFollowUp
    case confirmLocation, pickLocation
    case save, acknowledge, resume, wrapUpInterrupted
    case editCaller, editStatus, editSector, editDepartement, toggleRepeat, editNotes
    case classify(ClassificationLevel), toggleAddiction, toggleHospitalisation
    case previousReferral, nextReferral, toggleReferral, swapReferral, addReferral
    case openDirectory, closeDirectory, directoryMove(Int), directoryDetails, directoryChoose, directoryAdd
    case directoryKind, directoryDepartement, directoryTeleconsultation, directoryEmergency
    case demoPause, demoFaster, demoSlower, demoChooseScenario, demoWriteDebrief
    case openAssessment, assessment(AssessmentAction), editMotifs, editLine
    case requestCallback, callerCode, setFollowUp
    case help, quit
}

/// The console's keymap for each phase of the call; the directory's and training mode's are
/// `DirectoryKeymap` and `DemoKeymap`. `current` is what is on screen.
public enum ConsoleKeymap {
    typealias B = KeyBinding<Action>

    static let help = B([.function(1), .character("?")], "F1", "key.help", .help)
    static let profile: [B] = [
        B([.character("p")], "p", "key.caller", .editCaller, bar: false),
        B([.character("s")], "s", "key.status", .editStatus, bar: false),
        B([.character("e")], "e", "key.sector", .editSector, bar: false),
        B([.character("d")], "d", "key.departement", .editDepartement, bar: false),
        B([.character("r")], "r", "key.repeat", .toggleRepeat, bar: false),
        B([.character("n")], "n", "key.notes", .editNotes),
        B([.character("u")], "u", "key.openAssessment", .openAssessment, bar: false),
        B([.character("m")], "m", "key.editMotifs", .editMotifs, bar: false),
        B([.character("c")], "c", "key.requestCallback", .requestCallback, bar: false),
        B([.character("l")], "l", "key.line", .editLine, bar: false),
        B([.character("k")], "k", "key.callerCode", .callerCode, bar: false),
        B([.character("g")], "g", "key.setFollowUp", .setFollowUp, bar: false),
    ]
    static let emergency = B([.function(9), .character("!")], "F9", "key.emergency", .openEmergency)
    static let directory = B([.character("/"), .function(3)], "/", "key.directory", .openDirectory)
    /// 0–5 classify at their level; during the call too (the session answers that classification
    /// happens at wrap-up).
    static let classify = B(each: ClassificationLevel.allCases.map { (.character(Character("\($0.rawValue)")), .classify($0)) },
                            "0-5", "key.classify")

    public static func forPhase(_ phase: SessionPhase) -> Keymap<Action> {
        switch phase {
        case .idle:
            return Keymap([help, B([.function(2), .enter], "F2", "key.pickUp", .pickUp), directory,
                           B([.character("l")], "l", "key.line", .editLine, bar: false), B([.character("q")], "q", "key.quit", .quit)])
        case .inCall:
            return Keymap([help, B([.function(5)], "F5", "key.hangUp", .hangUp), B([.function(6)], "F6", "key.lineDropped", .lineDropped),
                           emergency] + profile + [directory.hiddenFromBar, classify.hiddenFromBar])
        case .dropped:
            return Keymap([help, B([.function(2), .enter], "F2", "key.callerBack", .callerBack),
                           B([.function(5)], "F5", "key.wrapUpAfterDrop", .wrapUpAfterDrop), emergency] + profile
                          + [directory.hiddenFromBar, classify.hiddenFromBar])
        case .emergency:
            return Keymap([help,
                           B([.character("1")], "1", "key.number.samu", .callNumber(.samu)),
                           B([.character("2")], "2", "key.number.european", .callNumber(.european), bar: false),
                           B([.character("3")], "3", "key.number.suicidePrevention", .callNumber(.suicidePrevention), bar: false),
                           B([.character("4")], "4", "key.step.supervisorCalled", .toggleStep(.supervisorCalled)),
                           B([.character("5")], "5", "key.step.callerKeptOnLine", .toggleStep(.callerKeptOnLine)),
                           B([.character("x")], "x", "key.explainStep", .explainStep),
                           B([.character("e")], "e", "key.raisedByMistake", .raisedByMistake),
                           B([.enter], "Entrée", "key.confirmLocation", .confirmLocation, bar: false),
                           B([.character("l")], "l", "key.pickLocation", .pickLocation, bar: false),
                           B([.escape, .function(9)], "Esc", "key.closeEmergency", .closeEmergency),
                           B([.function(5)], "F5", "key.hangUp", .hangUp, bar: false),
                           B([.function(6)], "F6", "key.lineDropped", .lineDropped, bar: false),
                           B([.character("n")], "n", "key.notes", .editNotes, bar: false)])
        case .wrapUp:
            return Keymap([help, classify,
                           B([.character("a")], "a", "key.addiction", .toggleAddiction, bar: false),
                           B([.character("h")], "h", "key.hospitalisation", .toggleHospitalisation, bar: false),
                           B([.character("f")], "f", "key.followUp", .editFollowUp, bar: false),
                           // One help line for both arrows: the wrap-up's help fits its 24 rows.
                           B(each: [(.up, .previousReferral), (.down, .nextReferral)], "↑↓", "key.moveReferral", bar: false),
                           B([.character(" ")], "Espace", "key.toggleReferral", .toggleReferral, bar: false),
                           B([.tab, .right], "Tab", "key.swapReferral", .swapReferral, bar: false),
                           B([.character("+")], "+", "key.addReferral", .addReferral, bar: false),
                           B([.character("/"), .function(3)], "/", "key.directoryForReferral", .openDirectory),
                           B([.function(10), .control("s")], "F10", "key.save", .save),
                           emergency] + profile)
        case .saved:
            return Keymap([help, B([.enter, .escape], "Entrée", "key.acknowledge", .acknowledge),
                           B([.function(2)], "F2", "key.pickUp", .pickUp)])
        case .interrupted:
            // q ends the shift here too: the handoff form hands the interrupted call over.
            return Keymap([help, B([.function(2), .enter], "F2", "key.resume", .resume),
                           B([.function(5)], "F5", "key.wrapUpInterrupted", .wrapUpInterrupted),
                           B([.character("q")], "q", "key.quit", .quit)])
        }
    }

    /// The keys of what is on screen: the directory when it is open, else the session's phase
    /// and training mode's (their keys do not overlap).
    public static func current(_ model: AppModel) -> Keymap<Action> {
        if case .assessment(let panel)? = model.overlay { return AssessmentKeymap.keymap(panel) }
        guard let browser = model.directory else { return forPhase(model.session.phase) + DemoKeymap.keymap(model) }
        return DirectoryKeymap.keymap(browser, phase: model.session.phase)
    }
}

/// Training mode's keys, over the console's: the demo clock everywhere, choosing a scenario
/// before pick-up, writing the debrief after the save.
public enum DemoKeymap {
    typealias B = KeyBinding<Action>

    public static func keymap(_ model: AppModel) -> Keymap<Action> {
        guard model.demo != nil else { return Keymap([]) }
        return forPhase(model.session.phase)
    }

    /// Training mode's keys in `phase` of its call.
    public static func forPhase(_ phase: SessionPhase) -> Keymap<Action> {
        var bindings = [
            B([.control("p")], "^P", "key.demo.pause", .demoPause, bar: false),
            B([.control("f")], "^F", "key.demo.faster", .demoFaster, bar: false),
            B([.control("b")], "^B", "key.demo.slower", .demoSlower, bar: false),
        ]
        switch phase {
        case .idle: bindings.insert(B([.character("s")], "s", "key.demo.scenario", .demoChooseScenario), at: 0)
        case .saved: bindings.insert(B([.character("w")], "w", "key.demo.writeDebrief", .demoWriteDebrief), at: 0)
        default: break
        }
        return Keymap(bindings)
    }
}

/// The directory screen's keys; what no key here takes goes to the search field.
public enum DirectoryKeymap {
    typealias B = KeyBinding<Action>

    public static func keymap(_ browser: DirectoryBrowser, phase: SessionPhase) -> Keymap<Action> {
        let enter: B
        switch browser.purpose {
        case .browse: enter = B([.enter], "Entrée", "key.directory.details", .directoryDetails)
        case .replace: enter = B([.enter], "Entrée", "key.directory.replace", .directoryChoose)
        case .add: enter = B([.enter], "Entrée", "key.directory.add", .directoryChoose)
        }
        var bindings = [
            B([.function(1)], "F1", "key.help", .help),
            B([.escape], "Esc", browser.showingDetails ? "key.directory.back" : "key.directory.close", .closeDirectory),
            enter,
        ]
        if browser.purpose != .browse {
            bindings.append(B([.function(3)], "F3", "key.directory.details", .directoryDetails, bar: false))
        }
        if case .replace = browser.purpose {
            bindings.append(B([.function(8)], "F8", "key.directory.add", .directoryAdd, bar: false))
        }
        bindings += [
            B([.function(4)], "F4", "key.directory.kind", .directoryKind),
            B([.function(6)], "F6", "key.directory.departement", .directoryDepartement),
            B([.function(7)], "F7", "key.directory.teleconsultation", .directoryTeleconsultation),
            B([.up], "↑", "key.directory.previous", .directoryMove(-1), bar: false),
            B([.down], "↓", "key.directory.next", .directoryMove(1), bar: false),
            B([.pageUp], "PgUp", "key.directory.pageUp", .directoryMove(-ListCursor.page), bar: false),
            B([.pageDown], "PgDn", "key.directory.pageDown", .directoryMove(ListCursor.page), bar: false),
        ]
        if [.inCall, .dropped, .wrapUp].contains(phase) {
            bindings.append(B([.function(9)], "F9", "key.emergency", .directoryEmergency))
        }
        return Keymap(bindings)
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
