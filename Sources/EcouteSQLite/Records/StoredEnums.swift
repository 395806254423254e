import EcouteCore
import GRDB

// The core's enums as database values. A stored value that is not a case of its enum (a newer
// program's value, a hand edit) makes the read throw instead of quietly becoming another case.
extension CallPhase: DatabaseValueConvertible {}
extension CallEndReason: DatabaseValueConvertible {}
extension CallerCategory: DatabaseValueConvertible {}
extension Profession: DatabaseValueConvertible {}
extension EmploymentStatus: DatabaseValueConvertible {}
extension Sector: DatabaseValueConvertible {}
extension ClassificationLevel: DatabaseValueConvertible {}
extension ReferralKind: DatabaseValueConvertible {}
extension ReferralTier: DatabaseValueConvertible {}
extension ReferralStatus: DatabaseValueConvertible {}
extension ReferralOrigin: DatabaseValueConvertible {}
extension OperatorRole: DatabaseValueConvertible {}
extension ReferralGapReason: DatabaseValueConvertible {}
extension AlertReason: DatabaseValueConvertible {}
extension ConsoleActivity: DatabaseValueConvertible {}
