#include "RemoteChatDesk.h"

#include "remote/ConsoleJson.h"
#include "remote/RemoteConsoleClient.h"

#include <QJsonArray>

namespace shopdesk {

namespace {

QString notHere()
{
    return RemoteChatDesk::tr("Files are sent and opened on the store's own computers for now, "
                              "not from a remote console.");
}

} // namespace

RemoteChatDesk::RemoteChatDesk(RemoteConsoleClient &client, QObject *parent)
    : ChatDesk(parent)
    , m_client(client)
{
    connect(&m_client, &RemoteConsoleClient::event, this, [this](const QString &name) {
        if (name == QLatin1String("settingsChanged"))
            Q_EMIT inboxSettingsChanged(m_client.session().storeId);
    });
}

void RemoteChatDesk::change(const QString &method, QJsonObject params, QObject *context,
                            ChangeDone done)
{
    m_client.call(
        method, params, context,
        RemoteConsoleClient::decoding<OwnershipChange>(std::move(done), [](const QJsonValue &v) {
            OwnershipChange change;
            change.after = ConsoleJson::conversation(v.toObject());
            change.changed = true;
            return change;
        }));
}

void RemoteChatDesk::takeOver(qint64, qint64 conversationId, qint64, QObject *context,
                              ChangeDone done)
{
    change(QStringLiteral("takeOver"), {{QStringLiteral("conversationId"), conversationId}},
           context, std::move(done));
}

void RemoteChatDesk::handBack(qint64, qint64 conversationId, qint64, QObject *context,
                              ChangeDone done)
{
    change(QStringLiteral("handBack"), {{QStringLiteral("conversationId"), conversationId}},
           context, std::move(done));
}

void RemoteChatDesk::close(qint64, qint64 conversationId, qint64, const QString &reason,
                           QObject *context, ChangeDone done)
{
    change(QStringLiteral("close"),
           {{QStringLiteral("conversationId"), conversationId}, {QStringLiteral("reason"), reason}},
           context, std::move(done));
}

void RemoteChatDesk::reopen(qint64, qint64 conversationId, qint64, QObject *context,
                            ChangeDone done)
{
    change(QStringLiteral("reopen"), {{QStringLiteral("conversationId"), conversationId}}, context,
           std::move(done));
}

void RemoteChatDesk::assign(qint64, qint64 conversationId, qint64, qint64 assigneeId,
                            QObject *context, ChangeDone done)
{
    change(QStringLiteral("assign"),
           {{QStringLiteral("conversationId"), conversationId},
            {QStringLiteral("assigneeId"), assigneeId}},
           context, std::move(done));
}

void RemoteChatDesk::reply(const OutboundDraft &draft, bool takeOverFirst, QObject *context,
                           std::function<void(Result<HumanReply>)> done)
{
    m_client.call(
        QStringLiteral("reply"),
        {{QStringLiteral("conversationId"), draft.conversationId},
         {QStringLiteral("text"), draft.text},
         {QStringLiteral("template"), draft.templateName},
         {QStringLiteral("language"), draft.language},
         {QStringLiteral("params"), QJsonArray::fromStringList(draft.params)},
         {QStringLiteral("takeOver"), takeOverFirst}},
        context,
        RemoteConsoleClient::decoding<HumanReply>(std::move(done), [](const QJsonValue &v) {
            return HumanReply{ConsoleJson::message(v.toObject()), std::nullopt};
        }));
}

void RemoteChatDesk::sendFile(const OutboundDraft &, const QString &, bool, QObject *,
                              std::function<void(Result<HumanReply>)> done)
{
    done(Result<HumanReply>::failure(notHere(), ErrorKind::Invalid));
}

void RemoteChatDesk::mediaFile(qint64, const QString &, QObject *,
                               std::function<void(Result<QString>)> done)
{
    done(Result<QString>::failure(notHere(), ErrorKind::Invalid));
}

void RemoteChatDesk::addNote(qint64, qint64 conversationId, qint64, const QString &text,
                             QObject *context, std::function<void(Result<Message>)> done)
{
    m_client.call(
        QStringLiteral("addNote"),
        {{QStringLiteral("conversationId"), conversationId}, {QStringLiteral("text"), text}},
        context, RemoteConsoleClient::decoding<Message>(std::move(done), [](const QJsonValue &v) {
            return ConsoleJson::message(v.toObject());
        }));
}

void RemoteChatDesk::setLabel(qint64, qint64 conversationId, qint64, const QString &label, bool on,
                              QObject *context, std::function<void(Result<Conversation>)> done)
{
    m_client.call(
        QStringLiteral("setLabel"),
        {{QStringLiteral("conversationId"), conversationId},
         {QStringLiteral("label"), label},
         {QStringLiteral("on"), on}},
        context,
        RemoteConsoleClient::decoding<Conversation>(std::move(done), [](const QJsonValue &v) {
            return ConsoleJson::conversation(v.toObject());
        }));
}

void RemoteChatDesk::inboxSettings(qint64, QObject *context,
                                   std::function<void(Result<InboxSettings>)> done)
{
    m_client.call(
        QStringLiteral("inboxSettings"), {}, context,
        RemoteConsoleClient::decoding<InboxSettings>(std::move(done), [](const QJsonValue &v) {
            QMap<QString, QString> values;
            const QJsonObject settings = v.toObject().value(QLatin1String("settings")).toObject();
            for (auto it = settings.begin(); it != settings.end(); ++it)
                values.insert(it.key(), it.value().toString());
            InboxSettings s = InboxSettings::fromSettings(values);
            s.storeName = v.toObject().value(QLatin1String("storeName")).toString();
            return s;
        }));
}

void RemoteChatDesk::templates(qint64, qint64 conversationId, QObject *context,
                               std::function<void(Result<QList<MessageTemplate>>)> done)
{
    m_client.call(QStringLiteral("templates"), {{QStringLiteral("conversationId"), conversationId}},
                  context,
                  RemoteConsoleClient::decoding<QList<MessageTemplate>>(
                      std::move(done), [](const QJsonValue &v) {
                          QList<MessageTemplate> out;
                          for (const QJsonValue &t : v.toArray()) {
                              const QJsonObject o = t.toObject();
                              out.append({o.value(QLatin1String("name")).toString(),
                                          o.value(QLatin1String("language")).toString(),
                                          o.value(QLatin1String("text")).toString(),
                                          o.value(QLatin1String("params")).toInt()});
                          }
                          return out;
                      }));
}

void RemoteChatDesk::customerBalance(qint64, qint64 conversationId, QObject *context,
                                     std::function<void(Result<QString>)> done)
{
    m_client.call(QStringLiteral("customerBalance"),
                  {{QStringLiteral("conversationId"), conversationId}}, context,
                  RemoteConsoleClient::decoding<QString>(
                      std::move(done), [](const QJsonValue &v) { return v.toString(); }));
}

void RemoteChatDesk::searchMessages(qint64, const QString &text, QObject *context,
                                    std::function<void(Result<QList<qint64>>)> done)
{
    m_client.call(
        QStringLiteral("searchMessages"), {{QStringLiteral("text"), text}}, context,
        RemoteConsoleClient::decoding<QList<qint64>>(std::move(done), [](const QJsonValue &v) {
            QList<qint64> ids;
            for (const QJsonValue &id : v.toArray())
                ids.append(id.toInteger());
            return ids;
        }));
}

void RemoteChatDesk::people(qint64, QObject *context,
                            std::function<void(Result<QList<Operator>>)> done)
{
    m_client.call(
        QStringLiteral("people"), {}, context,
        RemoteConsoleClient::decoding<QList<Operator>>(std::move(done), [](const QJsonValue &v) {
            return ConsoleJson::list<Operator>(v, &ConsoleJson::person);
        }));
}

} // namespace shopdesk
