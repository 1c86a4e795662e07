#include "cli/MessagesCommand.h"

#include "storage/Store.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace shopdesk {

void MessagesCommand::addOptions(QCommandLineParser &parser)
{
    addTenantOption(parser);
    parser.addOption({QStringLiteral("conversation"),
                      QStringLiteral("Only this conversation (default: all, newest first)."),
                      QStringLiteral("ID")});
    parser.addOption({QStringLiteral("limit"),
                      QStringLiteral("At most this many messages per conversation (default 1000)."),
                      QStringLiteral("N")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print the messages as JSON.")});
}

int MessagesCommand::run(const QCommandLineParser &parser)
{
    auto store = openStore(parser);
    if (!store)
        return fail(store.error());
    auto tenant = this->tenant(*store.value(), parser);
    if (!tenant)
        return fail(tenant.error());
    const int limit = parser.isSet(QStringLiteral("limit"))
                          ? parser.value(QStringLiteral("limit")).toInt()
                          : 1000;
    QList<qint64> conversations;
    if (parser.isSet(QStringLiteral("conversation"))) {
        conversations << parser.value(QStringLiteral("conversation")).toLongLong();
    } else {
        auto summaries = store.value()->conversations().summaries(tenant->id, 100000);
        if (!summaries)
            return fail(summaries.error());
        for (const ConversationSummary &s : std::as_const(summaries.value()))
            conversations << s.conversation.id;
    }
    QJsonArray array;
    for (const qint64 id : std::as_const(conversations)) {
        auto messages = store.value()->conversations().latestMessages(tenant->id, id, limit);
        if (!messages)
            return fail(messages.error());
        for (const Message &m : std::as_const(messages.value())) {
            QJsonObject o{
                {QStringLiteral("id"), m.id},
                {QStringLiteral("conversation_id"), m.conversationId},
                {QStringLiteral("direction"), toText(m.direction)},
                {QStringLiteral("author"), toText(m.author)},
                {QStringLiteral("type"), m.type},
                {QStringLiteral("body"), m.body},
                {QStringLiteral("status"), toText(m.status)},
                {QStringLiteral("provider_message_id"), m.providerMessageId},
                {QStringLiteral("created_at"), m.createdAt.toUTC().toString(Qt::ISODateWithMs)}};
            if (!m.failureReason.isEmpty())
                o.insert(QLatin1String("failure_reason"), m.failureReason);
            if (m.hasMedia())
                o.insert(QLatin1String("media_state"), m.mediaState);
            array.append(o);
        }
    }
    if (parser.isSet(QStringLiteral("json"))) {
        out() << QJsonDocument(array).toJson(QJsonDocument::Compact) << '\n';
        return ExitOk;
    }
    for (const QJsonValue &v : std::as_const(array)) {
        const QJsonObject m = v.toObject();
        out() << m.value(QLatin1String("created_at")).toString() << "  #"
              << m.value(QLatin1String("conversation_id")).toInteger() << "  "
              << m.value(QLatin1String("author")).toString().leftJustified(9)
              << m.value(QLatin1String("status")).toString().leftJustified(10)
              << m.value(QLatin1String("body")).toString().simplified().left(80);
        if (m.contains(QLatin1String("failure_reason")))
            out() << "  [" << m.value(QLatin1String("failure_reason")).toString() << "]";
        out() << '\n';
    }
    return ExitOk;
}

} // namespace shopdesk
