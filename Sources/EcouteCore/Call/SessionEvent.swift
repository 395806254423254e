/// What can happen to a call session: keys the psychologist presses and answers from the shell.
public enum SessionEvent: Equatable, Sendable {
    /// Pick up a new call; the shell supplies a fresh identifier; `line`: the line it came in on
    /// (nil: the health professionals' line).
    case pickUp(callID: String, operatorName: String, line: String? = nil)
    /// The conversation ends normally: go to wrap-up.
    case hangUp
    /// The line drops mid-call.
    case lineDropped
    /// After a drop, the caller is back on the line.
    case callerBack
    /// After a drop, stop waiting and go to wrap-up.
    case wrapUpAfterDrop
    case updateProfile(CallerProfile)
    case setNotes(String)
    /// A follow-up call agreed with the caller (nil or blank: none).
    case setFollowUp(String?)
    case classify(ClassificationLevel)
    case setAddiction(Bool)
    case setHospitalisation(Bool)
    /// The suicide-risk assessment as it now stands (nil: withdrawn).
    case setAssessment(RiskAssessment?)
    /// The call's motifs, main first (at most three).
    case setMotifs([CallMotif])
    /// The line the call came in on, corrected during the call (nil: the health professionals'
    /// line); the caller's line category, which belonged to the other line, is cleared.
    case setLine(String?)
    /// The directory's answer to a referral request.
    case referralsProposed(ReferralRequest, [Referral])
    case setReferralStatus(index: Int, ReferralStatus)
    case replaceReferral(index: Int, Referral)
    case addReferral(Referral)
    /// Why a required kind is not given (nil: the reason is withdrawn).
    case justifyReferralGap(ReferralKind, ReferralGap?)
    case openEmergency
    /// Marks a protocol step done now, or undoes a step marked by mistake (for the emergency
    /// services, the 15: `callEmergencyNumber` names the number).
    case toggleEmergencyStep(EmergencyStep)
    /// This emergency number was called (or, again, was not: marked by mistake). The number's
    /// referral is given, and the step « emergency services called » is done while one is.
    case callEmergencyNumber(EmergencyNumber)
    /// Why a protocol step was not done (nil or empty: the reason is withdrawn).
    case explainSkippedStep(EmergencyStep, String?)
    case closeEmergency
    /// The protocol was opened by mistake (F9 pressed by accident): back where the call was, the
    /// level no longer forced to 5. Refused once a step is done or a number called.
    case withdrawEmergency
    case save
    /// Leave the saved-call summary.
    case acknowledge
    /// Resume an interrupted call where it was.
    case resume
    /// Resume an interrupted call straight into wrap-up (the conversation is over).
    case wrapUpInterrupted
}

/// Work for the shell around the pure core.
public enum SessionEffect: Equatable, Sendable {
    /// Write the call as it now stands (every transition, so a crash loses nothing).
    case persist(CallDraft)
    /// The call was saved: record it as final (and count its referrals for rotation).
    case finalize(CallDraft)
    /// Ask the directory for referrals matching the request.
    case proposeReferrals(ReferralRequest)
    /// Alert the supervisors about this call (level 5 reached, or the supervisor step marked).
    case raiseAlert(AlertReason)
}

/// Why an event was refused in the current state. Raw values are string-table keys
/// (`refusal.<rawValue>`).
public enum SessionRefusal: String, Error, Equatable, Sendable, CaseIterable {
    case noCallInProgress
    case callInProgress
    case callAlreadyEnded
    case notDropped
    case classificationAtWrapUp
    case classificationRequired
    case notInWrapUp
    case noSuchReferral
    case outdatedProposal
    case emergencyAlreadyOpen
    case notInEmergency
    case notInterrupted
    case notSaved
    case finishCallFirst
    /// A required referral is neither given nor justified.
    case referralsNotJustified
    /// Level 5: a protocol step is neither done nor explained.
    case protocolIncomplete
    /// A step of the protocol is done: it was not opened by mistake.
    case protocolUnderway
    /// Level 4 or 5: the risk assessment is neither filled nor marked « non évaluable ».
    case assessmentRequired
}
