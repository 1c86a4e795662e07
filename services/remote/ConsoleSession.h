#pragma once

#include "core/Result.h"
#include "remote/ConsoleTokens.h"

#include <QJsonObject>
#include <QObject>
#include <QTimer>

#include <functional>
namespace shopdesk {

class ConsoleLink;

class StoreWorker;
class ConversationService;
class OperatorService;
class CatalogService;
class KnowledgeService;
class KnowledgeEditService;
class AnalyticsService;

// The engine's services a remote console works with (all on the engine's thread).
struct ConsoleServices
{
    StoreWorker &store;
    ConversationService &conversations;
    OperatorService &operators;
    CatalogService &catalog;
    KnowledgeService &knowledge;
    KnowledgeEditService &knowledgeEdits;
    AnalyticsService &analytics;
};

// One remote console's WebSocket: JSON requests {"id", "method", "params"} answered with
// {"id", "result"} or {"id", "error": {"kind", "message"}}, and live events {"event", "data"}
// for its store once signed in. Until signIn or resume succeeds only those two are answered.
// Every other request checks the token's expiry first and runs as the signed-in person through
// the engine's checked services, in that person's store only.
class ConsoleSession : public QObject
{
    Q_OBJECT
public:
    // Takes the link (on the network thread) and deletes it when done.
    ConsoleSession(ConsoleLink *link, ConsoleServices services, ConsoleTokens &tokens,
                   QObject *parent = nullptr);
    ~ConsoleSession() override;

    bool signedIn() const { return m_grant.tenantId > 0; }
    qint64 tenantId() const { return m_grant.tenantId; }
    void sendEvent(const QString &name, const QJsonObject &data);
    // The store's people changed: signs the console out if its person may no longer work here
    // (switched off, or gone).
    void recheckPerson();

Q_SIGNALS:
    void finished(); // the console went away: the session can go
    void signedInChanged();

private:
    using Answer = std::function<void(Result<QJsonValue>)>;
    using Method = void (ConsoleSession::*)(const QJsonObject &params, Answer answer);

    void onText(const QString &text);
    void dispatch(const QString &method, const QJsonObject &params, Answer answer);
    void answer(const QJsonValue &id, const Result<QJsonValue> &result);
    void signedInAs(const ConsoleGrant &grant, const QString &token, const Answer &answer);
    void auditRemoteSignIn(const ConsoleGrant &grant);
    void endSession(const QString &reason);

    void signIn(const QJsonObject &params, Answer answer);
    void resume(const QJsonObject &params, Answer answer);
    void signOut(const QJsonObject &params, Answer answer);
    void conversations(const QJsonObject &params, Answer answer);
    void messages(const QJsonObject &params, Answer answer);
    void takeOver(const QJsonObject &params, Answer answer);
    void handBack(const QJsonObject &params, Answer answer);
    void reply(const QJsonObject &params, Answer answer);
    void addNote(const QJsonObject &params, Answer answer);
    void traces(const QJsonObject &params, Answer answer);
    void closeChat(const QJsonObject &params, Answer answer);
    void reopen(const QJsonObject &params, Answer answer);
    void assign(const QJsonObject &params, Answer answer);
    void setLabel(const QJsonObject &params, Answer answer);
    void inboxSettings(const QJsonObject &params, Answer answer);
    void searchMessages(const QJsonObject &params, Answer answer);
    void customerBalance(const QJsonObject &params, Answer answer);
    void templates(const QJsonObject &params, Answer answer);
    void people(const QJsonObject &params, Answer answer);
    void askKnowledge(const QJsonObject &params, Answer answer);
    void documents(const QJsonObject &params, Answer answer);
    void updatePassage(const QJsonObject &params, Answer answer);
    void faq(const QJsonObject &params, Answer answer);
    void saveFaq(const QJsonObject &params, Answer answer);
    void products(const QJsonObject &params, Answer answer);
    void setStock(const QJsonObject &params, Answer answer);
    void report(const QJsonObject &params, Answer answer);

    void send(const QJsonObject &message);

    ConsoleLink *m_link;
    ConsoleServices m_services;
    ConsoleTokens &m_tokens;
    ConsoleGrant m_grant;
    QString m_token;
    QTimer m_expiry;     // signs the console out when its token expires
    QTimer m_signInWait; // closes a connection that never signs in
    bool m_signingIn = false;
};

} // namespace shopdesk
