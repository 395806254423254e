/// An alert raised again on a call whose earlier alert was marked raised by mistake
/// (`p12-alert-again-after-a-mistake`): the protocol withdrawn, then the call reaches level 5 again
/// or its supervisor step is marked. `raise_alert` returned the call's open alert, the one marked,
/// which the supervisors read as a mistake and which does not escalate; it now returns only an
/// open alert not marked, and otherwise records a new one, live like any. One open alert per
/// call still holds among those not marked.
enum PostgresAlertAgain {
    static let raiseAlertAfterAMistake = SQLScript.replacing("""
        IF EXISTS (SELECT 1 FROM alerts WHERE call_id = p_call AND taken_at IS NULL) THEN
            RETURN QUERY SELECT * FROM alerts WHERE call_id = p_call AND taken_at IS NULL;
        """, with: """
        IF EXISTS (SELECT 1 FROM alerts WHERE call_id = p_call AND taken_at IS NULL AND mistake_marked_at IS NULL) THEN
            RETURN QUERY SELECT * FROM alerts WHERE call_id = p_call AND taken_at IS NULL AND mistake_marked_at IS NULL;
        """, in: PostgresSchema.raiseAlertLateBy)

    static let migrations: [(name: String, sql: String)] = [
        ("p12-alert-again-after-a-mistake", """
        DROP INDEX alerts_one_open_per_call;
        CREATE UNIQUE INDEX alerts_one_open_per_call ON alerts (call_id) WHERE taken_at IS NULL AND mistake_marked_at IS NULL;
        \(raiseAlertAfterAMistake)
        """),
    ]
}
