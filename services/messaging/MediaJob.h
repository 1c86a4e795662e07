#pragma once

#include <QByteArray>
#include <QString>

namespace shopdesk {

// A customer's photo, voice note or document to fetch from the provider and keep locally.
struct MediaJob
{
    qint64 tenantId = 0;
    qint64 channelId = 0;
    qint64 messageId = 0;
    QString type;     // image, voice, document, ... (what the file must look like)
    QString source;   // provider media id or URL
    QString mime;     // announced content type
    QString fileName; // the customer's file name, for documents
    QByteArray inlineData;
    QString providerMessageId;
};

} // namespace shopdesk
