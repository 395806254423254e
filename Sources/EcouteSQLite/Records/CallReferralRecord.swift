import EcouteCore
import GRDB

/// One row of `call_referrals`: a referral of a call, a snapshot of the directory entry's name
/// and contact at the time, so the record stays true when the directory changes.
package struct CallReferralRecord: SnakeCaseRecord {
    package static let databaseTableName = "call_referrals"

    package var callId: String
    package var position: Int
    package var kind: ReferralKind
    package var entryId: Int64?
    package var name: String
    package var contact: String
    package var tier: ReferralTier
    package var status: ReferralStatus
    package var origin: ReferralOrigin

    /// Decoded by hand, like `CallRecord`.
    package init(row: Row) throws {
        callId = try row.decode(String.self, forColumn: "call_id")
        position = try row.decode(Int.self, forColumn: "position")
        kind = try row.decode(ReferralKind.self, forColumn: "kind")
        entryId = try row.decode(Int64?.self, forColumn: "entry_id")
        name = try row.decode(String.self, forColumn: "name")
        contact = try row.decode(String.self, forColumn: "contact")
        tier = try row.decode(ReferralTier.self, forColumn: "tier")
        status = try row.decode(ReferralStatus.self, forColumn: "status")
        origin = try row.decode(ReferralOrigin.self, forColumn: "origin")
    }

    init(callID: String, position: Int, _ r: Referral) {
        callId = callID
        self.position = position
        kind = r.kind
        entryId = r.entryID
        name = r.name
        contact = r.contact
        tier = r.tier
        status = r.status
        origin = r.origin
    }

    var referral: Referral {
        Referral(kind: kind, entryID: entryId, name: name, contact: contact, tier: tier, status: status, origin: origin)
    }
}

/// One row of `call_referral_gaps`: a required kind not given, and why.
package struct CallReferralGapRecord: SnakeCaseRecord {
    package static let databaseTableName = "call_referral_gaps"

    package var callId: String
    package var kind: ReferralKind
    package var reason: ReferralGapReason
    package var note: String

    package init(callId: String, kind: ReferralKind, reason: ReferralGapReason, note: String) {
        (self.callId, self.kind, self.reason, self.note) = (callId, kind, reason, note)
    }

    /// The row's reason, `unknown` when this version does not know it; nil for a kind it does not know.
    static func known(_ row: Row) -> CallReferralGapRecord? {
        guard let kind = (row["kind"] as String?).flatMap(ReferralKind.init(rawValue:)) else { return nil }
        return CallReferralGapRecord(callId: row["call_id"], kind: kind,
                                     reason: (row["reason"] as String?).flatMap(ReferralGapReason.init(rawValue:)) ?? .unknown,
                                     note: row["note"] ?? "")
    }
}
