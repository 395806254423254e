import EcouteCore

/// The engine's refusals as the store seam's errors: a missing privilege (SQLSTATE 42501) is
/// `AccessDenied`; a value the engine's checks refuse (one of `inputStates`) is the feature's own
/// refusal, made by `refused` from the engine's message. Anything else passes through.
enum EngineRefusal {
    /// Invalid parameter, foreign key, unique and check violations.
    static let inputStates: Set<String> = ["22023", "23503", "23505", "23514"]

    static func mapped<T>(_ refused: (String) -> any Error, inputStates: Set<String> = inputStates,
                          _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as PostgresSession.ServerError where error.sqlState == "42501" {
            throw AccessDenied(error.message)
        } catch let error as PostgresSession.ServerError where inputStates.contains(error.sqlState) {
            throw refused(error.message)
        }
    }
}
