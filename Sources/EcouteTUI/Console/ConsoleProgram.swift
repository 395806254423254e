import EcouteCore
import Foundation

/// The console (and training mode, which is the console with a scripted caller) as a program
/// for the runtime.
public enum ConsoleProgram {
    public static var program: Program<AppModel, AppEvent, AppEffect> {
        Program(update: AppUpdate.update, view: Screen.render, isFinished: { $0.shouldQuit },
                key: AppEvent.key, resize: { AppEvent.resize(width: $0, height: $1) }, paste: AppEvent.paste,
                tick: AppEvent.tick, deadline: { $0.deadline }, bells: { $0.bells }, externalChange: .externalChange,
                startEffects: [.needCallID, .refreshLineAverage, .loadUnfinished, .loadAlerts(callID: nil), .loadHandoffs, .loadFollowUpsDue], shown: .shown)
    }

    public typealias Runner = Runtime<AppModel, AppEvent, AppEffect, ConsoleEffects>
}
