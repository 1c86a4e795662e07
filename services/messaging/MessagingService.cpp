#include "messaging/MessagingService.h"

#include "messaging/MediaFiles.h"

#include "messaging/ChannelConfig.h"
#include "storage/StoreWorker.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace shopdesk {

namespace {

QString renderTemplate(const QJsonObject &tmpl, const QStringList &params, const QString &name)
{
    QString text = tmpl.value(QLatin1String("text")).toString();
    if (text.isEmpty())
        return QStringLiteral("[template %1] %2").arg(name, params.join(QStringLiteral(", ")));
    for (int i = 0; i < params.size(); ++i)
        text.replace(QStringLiteral("{{%1}}").arg(i + 1), params.at(i));
    return text;
}

} // namespace

MessagingService::MessagingService(StoreWorker &store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{}

void MessagingService::send(const OutboundDraft &draft, QObject *context,
                            std::function<void(Result<Message>)> done)
{
    m_store.run(
        context, [draft](Store &store) { return enqueue(store, draft); },
        [done = std::move(done)](Result<OutboxStore::Enqueued> r) {
            done(r ? Result<Message>(r->message) : Result<Message>::failure(r.error()));
        });
}

Result<OutboxStore::Enqueued> MessagingService::enqueue(Store &store, const OutboundDraft &draft)
{
    using R = Result<OutboxStore::Enqueued>;
    auto conversation = store.conversations().conversation(draft.tenantId, draft.conversationId);
    if (!conversation)
        return R::failure(conversation.error());
    if (conversation->channelId <= 0)
        return R::failure(QStringLiteral("This conversation is not connected to a WhatsApp "
                                         "number, so nothing can be sent in it."));
    auto channel = store.channels().channel(draft.tenantId, conversation->channelId);
    if (!channel)
        return R::failure(channel.error());
    if (!channel->enabled)
        return R::failure(
            QStringLiteral("The WhatsApp channel \"%1\" is switched off.").arg(channel->name));
    const ChannelConfig config(channel.value());

    Message bubble;
    bubble.conversationId = draft.conversationId;
    bubble.author = draft.author;
    bubble.authorOperatorId = draft.operatorId;
    QString kind;
    QJsonObject payload;
    if (!draft.templateName.isEmpty()) {
        // A customer who wrote STOP gets no templates (reminders, offers) until START.
        auto optedOut = store.conversations().optedOut(draft.tenantId, draft.conversationId);
        if (!optedOut)
            return R::failure(optedOut.error());
        if (optedOut.value())
            return R::failure(QStringLiteral("This customer asked for no more messages (they "
                                             "wrote STOP), so no template is sent to them. "
                                             "They can write START to get them again."),
                              ErrorKind::Forbidden);
        const QJsonObject tmpl = config.templateNamed(draft.templateName);
        if (tmpl.isEmpty() && config.provider() != QLatin1String("simulator"))
            return R::failure(QStringLiteral("There is no template \"%1\" in this channel's "
                                             "settings.")
                                  .arg(draft.templateName));
        const QString language = draft.language.isEmpty()
                                     ? tmpl.value(QLatin1String("language")).toString()
                                     : draft.language;
        kind = QStringLiteral("template");
        bubble.type = QStringLiteral("template");
        bubble.body = renderTemplate(tmpl, draft.params, draft.templateName);
        payload = {
            {QStringLiteral("template"), draft.templateName},
            {QStringLiteral("language"), language.isEmpty() ? QStringLiteral("en") : language},
            {QStringLiteral("params"), QJsonArray::fromStringList(draft.params)},
            {QStringLiteral("text"), bubble.body}};
    } else if (!draft.mediaType.isEmpty()) {
        if (draft.mediaLink.isEmpty() && draft.mediaFile.isEmpty())
            return R::failure(QStringLiteral("Choose a file or a link to send."));
        kind = QStringLiteral("media");
        bubble.type = draft.mediaType;
        bubble.body = draft.caption;
        bubble.mediaState = QStringLiteral("ready");
        bubble.mediaRef = draft.mediaRef.isEmpty() ? draft.mediaFile : draft.mediaRef;
        bubble.mediaSource = draft.mediaLink;
        payload = {{QStringLiteral("media_type"), draft.mediaType},
                   {QStringLiteral("caption"), draft.caption}};
        if (!draft.mediaLink.isEmpty())
            payload.insert(QLatin1String("link"), draft.mediaLink);
        if (!draft.mediaFile.isEmpty())
            payload.insert(QLatin1String("file"), draft.mediaFile);
        if (!draft.mediaRef.isEmpty())
            payload.insert(QLatin1String("media_ref"), draft.mediaRef);
        if (!draft.fileName.isEmpty())
            payload.insert(QLatin1String("file_name"), draft.fileName);
    } else {
        const QString text = draft.text.trimmed();
        if (text.isEmpty())
            return R::failure(QStringLiteral("The message is empty."));
        if (text.size() > 4096)
            return R::failure(QStringLiteral("WhatsApp messages can be at most 4,096 "
                                             "characters; this one has %1.")
                                  .arg(text.size()));
        kind = QStringLiteral("text");
        bubble.body = text;
        payload = {{QStringLiteral("text"), text}};
        if (!draft.interactive.isEmpty()) { // Meta shows it; the others send the text
            payload.insert(QLatin1String("interactive"), draft.interactive);
            bubble.extraJson = QString::fromUtf8(
                QJsonDocument(QJsonObject{{QStringLiteral("interactive"), draft.interactive}})
                    .toJson(QJsonDocument::Compact));
        }
    }
    if (kind != QLatin1String("template") && config.hasCustomerWindow()) {
        const QDateTime closes = conversation->windowClosesAt();
        if (!closes.isValid() || closes < QDateTime::currentDateTimeUtc())
            return R::failure(QStringLiteral(
                "The customer's last message was more than 24 hours ago, so WhatsApp only "
                "allows an approved template message now. Send a template instead."));
    }
    // Shared mode: the file goes into the database too, so whichever node sends it has it.
    if (kind == QLatin1String("media") && !draft.mediaRef.isEmpty()) {
        const Status shared =
            MediaFiles::share(store, draft.tenantId, draft.mediaRef, draft.mediaFile, QString());
        if (!shared && shared.errorKind() != ErrorKind::Invalid)
            return R::failure(shared);
    }
    return store.outbox().enqueue(
        draft.tenantId, channel->id, bubble, kind,
        QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Compact)));
}

} // namespace shopdesk
