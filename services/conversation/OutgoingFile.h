#pragma once

#include "core/Result.h"

#include <QString>

namespace shopdesk {

// A file a person chose to send in a chat (a photo, a price list, a UPI QR), checked against
// what WhatsApp accepts and copied under <data dir>/media/<store>/sent/, so the outbox can
// still send it, and the chat still show it, if the original is moved or deleted.
//
// WhatsApp's rules (Cloud API media reference): photos are JPEG or PNG up to 5 MB; audio
// (AAC, AMR, MP3, MP4 audio, OGG/Opus) and video (MP4, 3GPP) up to 16 MB; anything else goes as
// a document up to 100 MB. Other pictures (WebP, GIF, BMP…) go as documents.
struct OutgoingFile
{
    QString mediaType; // image, audio, video or document
    QString path;      // the copy to send (absolute)
    QString ref;       // ... its path inside the data folder (empty without one)
    QString fileName;  // the name the customer sees for a document
    QString mime;
    qint64 bytes = 0;

    // folder: "sent" for a file going now, "quick" for a quick reply's file kept for later.
    static Result<OutgoingFile> prepare(const QString &source, const QString &dataDir,
                                        qint64 tenantId,
                                        const QString &folder = QStringLiteral("sent"));
    // What kind of WhatsApp message a file of this type goes as.
    static QString mediaTypeFor(const QString &mime);
    static qint64 limitFor(const QString &mediaType);
};

} // namespace shopdesk
