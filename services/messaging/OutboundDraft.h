#pragma once

#include "domain/Message.h"

#include <QJsonObject>
#include <QStringList>

namespace shopdesk {

// A message someone (the bot or a person) wants to send in a conversation.
struct OutboundDraft
{
    qint64 tenantId = 0;
    qint64 conversationId = 0;
    Author author = Author::Bot;
    qint64 operatorId = 0;

    QString text; // a free-form text message ...
    // ... with, where the provider has them, WhatsApp's list or reply buttons (Meta's
    // "interactive" object); providers without them send the text, which numbers the options.
    QJsonObject interactive;

    QString templateName; // ... or an approved template ...
    QString language;
    QStringList params;

    QString mediaType; // ... or a file: image, document, audio, video
    QString mediaLink; // a public link to it, or
    QString mediaFile; // a local file to upload
    QString mediaRef;  // ... its path inside the data folder (other computers find it by this)
    QString caption;
    QString fileName;
};

} // namespace shopdesk
