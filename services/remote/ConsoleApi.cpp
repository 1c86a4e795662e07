#include "remote/ConsoleApi.h"

#include "core/Logging.h"
#include "remote/ConsoleJson.h"
#include "storage/StoreWorker.h"

namespace shopdesk {

ConsoleApi::ConsoleApi(ConsoleServices services, qint64 tokenLifetimeSeconds, QObject *parent)
    : QObject(parent)
    , m_services(services)
    , m_tokens(tokenLifetimeSeconds)
{
    StoreWorker *store = &m_services.store;
    connect(store, &StoreWorker::messagesAppended, this, &ConsoleApi::onMessagesAppended);
    connect(store, &StoreWorker::conversationChanged, this, &ConsoleApi::onConversationChanged);
    connect(store, &StoreWorker::messageUpdated, this, &ConsoleApi::onMessageUpdated);
    connect(store, &StoreWorker::resyncNeeded, this,
            [this](qint64 tenantId) { toStore(tenantId, QStringLiteral("resync"), {}); });
    connect(store, &StoreWorker::operatorsChanged, this, [this](qint64 tenantId) {
        for (const QPointer<ConsoleSession> &session : std::as_const(m_sessions)) {
            if (session && (tenantId == 0 || session->tenantId() == tenantId))
                session->recheckPerson();
        }
    });
    connect(store, &StoreWorker::traceAdded, this, [this](qint64 tenantId, qint64 conversationId) {
        toStore(tenantId, QStringLiteral("trace"),
                {{QStringLiteral("conversationId"), conversationId}});
    });
    connect(store, &StoreWorker::settingsChanged, this,
            [this](qint64 tenantId) { toStore(tenantId, QStringLiteral("settingsChanged"), {}); });
    connect(store, &StoreWorker::productsChanged, this,
            [this](qint64 tenantId) { toStore(tenantId, QStringLiteral("productsChanged"), {}); });
    connect(store, &StoreWorker::documentsChanged, this,
            [this](qint64 tenantId) { toStore(tenantId, QStringLiteral("documentsChanged"), {}); });
}

ConsoleApi::~ConsoleApi()
{
    // Before the tokens and services they use go (children would be deleted after them).
    for (const QPointer<ConsoleSession> &session : std::as_const(m_sessions))
        delete session.data();
}

void ConsoleApi::accept(ConsoleLink *link)
{
    auto *session = new ConsoleSession(link, m_services, m_tokens, this);
    m_sessions.append(session);
    connect(session, &ConsoleSession::signedInChanged, this, &ConsoleApi::countSignedIn);
    connect(session, &ConsoleSession::finished, this, [this, session] {
        m_sessions.removeAll(session);
        session->deleteLater();
        countSignedIn();
    });
}

int ConsoleApi::signedInCount() const
{
    int n = 0;
    for (const QPointer<ConsoleSession> &session : m_sessions)
        n += session && session->signedIn();
    return n;
}

void ConsoleApi::countSignedIn()
{
    Q_EMIT signedInChanged(signedInCount());
}

void ConsoleApi::toStore(qint64 tenantId, const QString &event, const QJsonObject &data)
{
    for (const QPointer<ConsoleSession> &session : std::as_const(m_sessions)) {
        // tenantId 0: a change of every store (the shared feed's gap); each hears it as its own.
        if (session && session->signedIn() && (tenantId == 0 || session->tenantId() == tenantId))
            session->sendEvent(event, data);
    }
}

void ConsoleApi::onMessagesAppended(qint64 tenantId, qint64 conversationId,
                                    const QList<Message> &messages)
{
    toStore(tenantId, QStringLiteral("messages"),
            {{QStringLiteral("conversationId"), conversationId},
             {QStringLiteral("messages"), ConsoleJson::array(messages)}});
}

void ConsoleApi::onConversationChanged(qint64 tenantId, const Conversation &conversation)
{
    toStore(tenantId, QStringLiteral("conversation"),
            {{QStringLiteral("conversation"), ConsoleJson::toJson(conversation)}});
}

void ConsoleApi::onMessageUpdated(qint64 tenantId, const Message &message)
{
    toStore(tenantId, QStringLiteral("messageUpdated"),
            {{QStringLiteral("message"), ConsoleJson::toJson(message)}});
}

} // namespace shopdesk
