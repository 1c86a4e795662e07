#pragma once

#include <QLatin1StringView>

namespace shopdesk {

// Why the bot handed a chat to a person, as the reports group it (conversation_events.reason_code;
// the sentence for people stays in conversations.escalation_reason).
namespace EscalationReason {
inline constexpr QLatin1StringView AskedForPerson("asked_for_person");
inline constexpr QLatin1StringView Complaint("complaint");
inline constexpr QLatin1StringView LowConfidence("low_confidence");
inline constexpr QLatin1StringView OrderAboveLimit("order_above_limit");
inline constexpr QLatin1StringView Misunderstood("misunderstood");
inline constexpr QLatin1StringView Model("model");
// A voice note, photo or file the bot could not read.
inline constexpr QLatin1StringView Media("media");
inline constexpr QLatin1StringView Other("other");
} // namespace EscalationReason

} // namespace shopdesk
