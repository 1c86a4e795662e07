#pragma once

#include "core/Result.h"
#include "domain/Conversation.h"
#include "domain/ExecutionTrace.h"
#include "domain/Message.h"
#include "domain/Operator.h"
#include "domain/Product.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QSslCertificate>
#include <QTimer>
#include <QUrl>

#include <functional>
#include <memory>

class QWebSocket;

namespace shopdesk {

// A remote console's connection to `shopdesk-cli serve` (ws:// or wss:// host:port; the path
// /api/ws is added when missing): requests answered on the caller's thread, in order of
// answer, and the store's live changes as signals once signed in. A request the server does not
// answer within 30 seconds, or one in flight when the connection drops, fails with
// ConnectionLost.
class RemoteConsoleClient : public QObject
{
    Q_OBJECT
public:
    struct Session
    {
        QString token;
        QDateTime expiresAt;
        Operator person;
        qint64 storeId = 0;
        QString storeSlug;
        QString storeName;
    };
    using Reply = std::function<void(Result<QJsonValue>)>;
    // A Reply that hands `done` the answer's value through `decode`, or the failure.
    template<typename T, typename Decode>
    static Reply decoding(std::function<void(Result<T>)> done, Decode decode)
    {
        return [done = std::move(done), decode](Result<QJsonValue> r) {
            if (!r)
                done(Result<T>::failure(r));
            else
                done(decode(r.value()));
        };
    }

    explicit RemoteConsoleClient(QObject *parent = nullptr);
    ~RemoteConsoleClient() override;

    // wss:// with a certificate no authority signed (a store's own): trust this one (PEM).
    Status trustCertificate(const QString &pemFile);
    static QUrl apiUrl(const QString &address); // "wss://host:8443" -> wss://host:8443/api/ws
    void open(const QUrl &url, QObject *context, std::function<void(Status)> done);
    void close();
    bool isOpen() const;
    QUrl url() const { return m_url; } // the last one opened
    const Session &session() const { return m_session; }

    void signIn(const QString &store, const QString &name, const QString &password,
                QObject *context, std::function<void(Result<Session>)> done);
    void resume(const QString &token, QObject *context, std::function<void(Result<Session>)> done);
    void call(const QString &method, const QJsonObject &params, QObject *context, Reply done);

    void conversations(QObject *context,
                       std::function<void(Result<QList<ConversationSummary>>)> done);
    // The newest `limit` messages older than beforeId (0: the newest), oldest first.
    void messages(qint64 conversationId, QObject *context,
                  std::function<void(Result<QList<Message>>)> done, int limit = 100,
                  qint64 beforeId = 0);
    void traces(qint64 conversationId, int limit, QObject *context,
                std::function<void(Result<QList<ExecutionTrace>>)> done);
    void takeOver(qint64 conversationId, QObject *context,
                  std::function<void(Result<Conversation>)> done);
    void handBack(qint64 conversationId, QObject *context,
                  std::function<void(Result<Conversation>)> done);
    void reply(qint64 conversationId, const QString &text, QObject *context,
               std::function<void(Result<Message>)> done);
    void products(QObject *context, std::function<void(Result<QList<Product>>)> done);

Q_SIGNALS:
    void event(const QString &name, const QJsonObject &data);
    void messagesAppended(qint64 tenantId, qint64 conversationId,
                          const QList<shopdesk::Message> &messages);
    void conversationChanged(qint64 tenantId, const shopdesk::Conversation &conversation);
    void messageUpdated(qint64 tenantId, const shopdesk::Message &message);
    void resyncNeeded(qint64 tenantId);
    void traceAdded(qint64 tenantId, qint64 conversationId);
    void signedOut(const QString &reason); // the token expired, or signOut
    void connectionLost(const QString &reason);

private:
    struct Pending
    {
        QPointer<QObject> context;
        Reply done;
        QDateTime deadline;
    };
    void onText(const QString &text);
    void onEvent(const QString &name, const QJsonObject &data);
    void failPending(const QString &reason);
    void checkDeadlines();
    Reply sessionReply(std::function<void(Result<Session>)> done);

    std::unique_ptr<QWebSocket> m_socket;
    QUrl m_url;
    QList<QSslCertificate> m_trusted;
    QHash<qint64, Pending> m_pending;
    qint64 m_nextId = 1;
    Session m_session;
    bool m_greeted = false; // the server's session said hello: requests may go
    QTimer m_deadlines;
};

} // namespace shopdesk
