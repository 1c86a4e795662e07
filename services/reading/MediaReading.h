#pragma once

#include <QJsonObject>
#include <QString>

namespace shopdesk {

struct Message;

// What Shopdesk made of a customer's voice note or photo: the transcript of the voice note, or
// the text read off the photo (a shopping list), with how sure it is. Kept in the message's
// extra details ("reading"), shown under the bubble in the console and read by the bot. A
// reading that failed says why in words for the store ("no voice service is set up").
struct MediaReading
{
    enum class State {
        None,   // not read yet (or not a kind Shopdesk reads)
        Read,   // text is what was heard or read
        Unread, // it could not be read: reason says why
    };

    State state = State::None;
    QString by;             // "voice" (a transcription service) or "photo" (OCR on this computer)
    QString text;           // the transcript, or the photo's lines
    double confidence = -1; // 0..1; below 0 when the reader does not say
    QString reason;         // why it was not read
    QString engine;         // the model or OCR engine that read it
    double ms = 0;          // how long reading took

    bool settled() const { return state != State::None; }
    QJsonObject toJson() const;
    static MediaReading fromJson(const QJsonObject &o);
    // The message's reading (None when it has none).
    static MediaReading of(const Message &message);
    // Whether Shopdesk reads messages of this type: voice notes and audio, and photos.
    static bool readable(const QString &messageType);
    static bool isVoice(const QString &messageType);
    // What the customer sent, for people ("voice note", "photo", "document", ...).
    static QString whatIs(const QString &messageType);
};

} // namespace shopdesk
