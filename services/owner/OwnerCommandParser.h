#pragma once

#include "owner/OwnerCommand.h"

namespace shopdesk {

// Understands the owner's short commands in English and Hinglish. The kind comes from an
// intent classifier (the same machinery as the customers' intents) trained on the owner's own
// intent set (resources/agent/owner-intents.csv); the parts come from the owner's words
// (resources/agent/owner-words.csv): the customer is the first words that are neither command
// words, numbers nor the goods after a quantity ("Rahul ko 2 kg chawal udhaar" -> Rahul), a sum
// is a number not followed by a unit, goods are what the order parser reads, and "kal",
// "parso", "3 din baad", "next week" say when. When the classifier's best guess lacks what it
// needs (a payment without a sum), the next guess that has it is taken.
class OwnerCommandParser
{
public:
    static OwnerCommand parse(const QString &text);
};

} // namespace shopdesk
