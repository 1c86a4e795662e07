#pragma once

#include "reading/MediaReading.h"

#include <QDateTime>
#include <QString>

namespace shopdesk {

struct Message;

// What the bot can make of a customer's message before it understands it. Text is text; a tap
// on one of the bot's list rows or buttons is the number or word it stands for; a voice note or
// photo is its transcript or its list once read (and waits until then, for a time); anything
// the bot cannot read (a document, a video, a voice note with no voice service) goes to a
// person with the reason, rather than being met with silence. Stickers, reactions and edits
// need no answer.
class MediaGate
{
public:
    // How long a voice note or photo may take to arrive and be read before a person gets it.
    static constexpr qint64 kWaitLimitMs = 3 * 60 * 1000;
    // A transcript less sure than this goes to a person, with the transcript for them to check.
    static constexpr double kVoiceConfidence = 0.45;

    enum class Verdict {
        Text,     // text: the message's words (or the tap's meaning)
        Wait,     // the file is still arriving or being read: come back to it
        Read,     // text: what was heard or read; reading: how
        HandOver, // reason: for the person who takes it; what: "voice note", "photo", ...
        Silent,   // reason: why no answer is needed
    };
    struct Decision
    {
        Verdict verdict = Verdict::Text;
        QString text;
        QString reason;
        QString what;
        MediaReading reading;
    };

    // The wait for a file counts from the message's arrival, or from `waitFrom` when later (the
    // bot started after it came: the engine fetches what it missed first).
    static Decision decide(const Message &message, const QDateTime &now,
                           const QDateTime &waitFrom = {});
    // A tap on the bot's list row ("choice:2") or button ("confirm:yes"), as the words the
    // customer could have typed ("2", "yes"); other replies are their title.
    static QString tapText(const Message &message);
};

} // namespace shopdesk
