import EcouteCore
import Foundation

/// The level-5 emergency protocol: the numbers, the checklist with times, the referrals.
enum EmergencyView {
    static func draw(_ model: AppModel, _ draft: CallDraft, _ area: Layout.Area, into grid: inout Grid) {
        let s = model.strings
        var r = area.top
        grid.put(" " + s["emergency.title"], row: r, column: 0, style: .alert)
        grid.fillRow(r, style: .alert)
        r += 2
        grid.put(" " + s["emergency.numbers"], row: r, column: 0, style: .bold, maxWidth: grid.width - 1)
        r += 2
        let steps = draft.emergency?.steps ?? [:]
        // The numbers first (which one was called is recorded), then the other steps.
        let called = draft.emergencyNumbersCalled
        for (i, number) in EmergencyNumber.allCases.enumerated() {
            let done = called.contains(number)
            grid.put("[\(i + 1)]", row: r, column: 3, style: .bold)
            grid.put(done ? "[x]" : "[ ]", row: r, column: 8, style: done ? .ok : .warn)
            grid.put(s["number.\(number)"], row: r, column: 12, maxWidth: 52)
            if done, number == called.first, let at = steps[.emergencyServicesCalled] {
                grid.put(Formatting.clock(at, timeZone: model.timeZone), row: r, column: 66, style: .ok)
            }
            r += 1
        }
        if called.isEmpty, let reason = draft.emergency?.skipped[.emergencyServicesCalled] {
            grid.put(s["step.emergencyServicesCalled.short"] + " — " + s.format("emergency.skipped", reason), row: r, column: 12,
                     style: .dim, maxWidth: grid.width - 13)
            r += 1
        }
        for (i, step) in [EmergencyStep.supervisorCalled, .callerKeptOnLine].enumerated() {
            let done = steps[step]
            grid.put("[\(EmergencyNumber.allCases.count + i + 1)]", row: r, column: 3, style: .bold)
            grid.put(done == nil ? "[ ]" : "[x]", row: r, column: 8, style: done == nil ? .warn : .ok)
            if done == nil, let reason = draft.emergency?.skipped[step] {
                // Not done, with its reason: the reason takes the line.
                grid.put(s["step.\(step.rawValue).short"] + " — " + s.format("emergency.skipped", reason), row: r, column: 12,
                         style: .dim, maxWidth: grid.width - 13)
            } else {
                grid.put(s["step.\(step.rawValue)"], row: r, column: 12, maxWidth: 52)
                grid.put(done.map { Formatting.clock($0, timeZone: model.timeZone) } ?? s["emergency.pending"],
                         row: r, column: 66, style: done == nil ? .dim : .ok)
            }
            r += 1
        }
        // Where the caller is: units and services are ranked from it.
        let departement = draft.profile.departement.flatMap { model.geography.departement($0) }.map { "\($0.code) \($0.name)" }
        if model.desk.locationConfirmedFor == draft.id {
            grid.put(" " + s.format("location.confirmed", departement ?? s["location.unknown"]), row: r, column: 0, style: .ok,
                     maxWidth: grid.width - 1)
        } else {
            grid.put(" " + (departement.map { s.format("location.askProfile", $0) } ?? s["location.ask"]), row: r, column: 0,
                     style: .alert, maxWidth: grid.width - 1)
        }
        r += 1
        grid.put(" " + s["emergency.keepOnLine"], row: r, column: 0, style: .warn, maxWidth: grid.width - 1)
        r += 1
        // The alert as the supervisors got it (or that it has not reached them yet), and who to call.
        if model.alerts.notRaised.contains(where: { $0.alert.callID == draft.id }) {
            grid.put(" " + s["alert.notRaisedYet"], row: r, column: 0, style: .alert, maxWidth: grid.width - 1)
        } else if model.alerts.sending.contains(where: { $0.callID == draft.id }) {
            grid.put(" " + s["alert.sending"], row: r, column: 0, style: .alert, maxWidth: grid.width - 1)
        } else if let alert = model.callAlerts.last {
            // Alerts carry the wall clock's times; on screen they are told on the console's clock
            // (the same but in training mode, whose clock runs its own way).
            let clock = { (date: Date) in Formatting.clock(date + model.now.timeIntervalSince(model.wallNow), timeZone: model.timeZone) }
            if let by = alert.takenBy, let at = alert.takenAt {
                grid.put(" " + s.format("alert.taken", by, clock(at)), row: r, column: 0, style: .ok, maxWidth: grid.width - 1)
            } else if let late = alert.lateBy {
                grid.put(" " + s.format("alert.pendingLate", clock(alert.raisedAt), Formatting.duration(late)),
                         row: r, column: 0, style: .alert, maxWidth: grid.width - 1)
            } else {
                grid.put(" " + s.format("alert.pending", clock(alert.raisedAt)), row: r, column: 0, style: .alert, maxWidth: grid.width - 1)
            }
        }
        let phones = model.alerts.supervisorPhones
        grid.put(" " + (phones.isEmpty ? s["alert.noSupervisor"] : s.format("alert.supervisors", phones.joined(separator: " · "))),
                 row: r + 1, column: 0, style: phones.isEmpty ? .dim : .bold, maxWidth: grid.width - 1)
        if draft.endedAt != nil {
            grid.put(" " + s["emergency.callEnded"], row: r + 2, column: 0, style: .dim, maxWidth: grid.width - 1)
        }
        r += 4
        grid.put(" " + s["emergency.referrals"], row: r, column: 0, style: .bold)
        r += 1
        for ref in draft.referrals where r < area.bottom {
            // ✓: given (a number the protocol says was called, or given by hand).
            grid.put((ref.status == .given ? " ✓ " : "   ") + Layout.padded(Layout.fit(s["kind.\(ref.kind.rawValue)"], 21), 21) + " "
                     + Layout.fit(ref.name, 32)
                     + "  " + ref.contact,
                     row: r, column: 0, maxWidth: grid.width - 1)
            r += 1
        }
        if draft.referrals.isEmpty {
            grid.put("   " + s["wrapUp.searching"], row: r, column: 0, style: .dim)
        }
    }
}
