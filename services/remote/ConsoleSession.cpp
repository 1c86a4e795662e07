#include "remote/ConsoleSession.h"

#include "access/Access.h"
#include "access/OperatorService.h"
#include "analytics/AnalyticsService.h"
#include "analytics/ReportFormat.h"
#include "catalog/CatalogService.h"
#include "conversation/ConversationService.h"
#include "core/Logging.h"
#include "knowledge/KnowledgeEditService.h"
#include "knowledge/KnowledgeService.h"
#include "remote/ConsoleJson.h"
#include "remote/ConsoleLink.h"
#include "storage/AgentStore.h"
#include "storage/AuditStore.h"
#include "storage/Store.h"
#include "storage/StoreWorker.h"

#include <QJsonDocument>
#include <QPointer>
#include <QThread>

#include <algorithm>
#include <limits>

namespace shopdesk {

namespace {

constexpr int kSignInWaitMs = 60 * 1000;
constexpr int kMaxMessages = 200;

QString kindText(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::NotFound:
        return QStringLiteral("notFound");
    case ErrorKind::Invalid:
        return QStringLiteral("invalid");
    case ErrorKind::ConnectionLost:
        return QStringLiteral("connectionLost");
    case ErrorKind::Conflict:
        return QStringLiteral("conflict");
    case ErrorKind::Forbidden:
        return QStringLiteral("forbidden");
    case ErrorKind::Failed:
        break;
    }
    return QStringLiteral("failed");
}

Result<QJsonValue> invalid(const QString &message)
{
    return Result<QJsonValue>::failure(message, ErrorKind::Invalid);
}

qint64 idParam(const QJsonObject &params, const char *key)
{
    return params.value(QLatin1String(key)).toInteger();
}

// A service's answer as the wire's: a value through `encode`, or the failure as it is.
template<typename T, typename Encode>
std::function<void(Result<T>)> relay(std::function<void(Result<QJsonValue>)> answer, Encode encode)
{
    return [answer = std::move(answer), encode](Result<T> r) {
        if (!r)
            answer(Result<QJsonValue>::failure(r));
        else
            answer(QJsonValue(encode(r.value())));
    };
}

// A read for the signed-in person: on the database thread, their permission checked first,
// then read(store, tenantId); the answer through `encode`.
template<typename T, typename Read, typename Encode>
void readChecked(StoreWorker &worker, QObject *context, const ConsoleGrant &grant,
                 Permission permission, Read read, std::function<void(Result<QJsonValue>)> answer,
                 Encode encode)
{
    worker.run(
        context,
        [tenant = grant.tenantId, op = grant.person.id, permission, read](Store &store) {
            if (Result<Operator> allowed = Access::require(store, tenant, op, permission); !allowed)
                return Result<T>::failure(allowed);
            return read(store, tenant);
        },
        relay<T>(std::move(answer), encode));
}

template<typename T> QJsonArray asArray(const QList<T> &rows)
{
    return ConsoleJson::array(rows);
}

} // namespace

ConsoleSession::ConsoleSession(ConsoleLink *link, ConsoleServices services, ConsoleTokens &tokens,
                               QObject *parent)
    : QObject(parent)
    , m_link(link)
    , m_services(services)
    , m_tokens(tokens)
{
    connect(m_link, &ConsoleLink::received, this, &ConsoleSession::onText);
    connect(m_link, &ConsoleLink::closed, this, &ConsoleSession::finished);
    m_expiry.setSingleShot(true);
    connect(&m_expiry, &QTimer::timeout, this,
            [this] { endSession(QStringLiteral("Your sign-in has expired: sign in again.")); });
    m_signInWait.setSingleShot(true);
    m_signInWait.setInterval(kSignInWaitMs);
    connect(&m_signInWait, &QTimer::timeout, this, [link = m_link] {
        QMetaObject::invokeMethod(link, [link] {
            link->close(QWebSocketProtocol::CloseCodePolicyViolated,
                        QStringLiteral("Nobody signed in."));
        });
    });
    m_signInWait.start();
    // Requests may come now: the console waits for this before it sends any.
    sendEvent(QStringLiteral("hello"), {{QStringLiteral("api"), 1}});
}

ConsoleSession::~ConsoleSession()
{
    m_link->disconnect(this);
    // Deleted on its own thread, after the frames queued to it; at shutdown that thread is gone.
    if (m_link->thread()->isFinished())
        delete m_link;
    else
        m_link->deleteLater();
}

void ConsoleSession::send(const QJsonObject &message)
{
    const QString text = QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact));
    QMetaObject::invokeMethod(m_link, [link = m_link, text] { link->sendText(text); });
}

void ConsoleSession::sendEvent(const QString &name, const QJsonObject &data)
{
    send({{QStringLiteral("event"), name}, {QStringLiteral("data"), data}});
}

void ConsoleSession::answer(const QJsonValue &id, const Result<QJsonValue> &result)
{
    QJsonObject reply{{QStringLiteral("id"), id}};
    if (result)
        reply.insert(QStringLiteral("result"), result.value());
    else
        reply.insert(QStringLiteral("error"),
                     QJsonObject{{QStringLiteral("kind"), kindText(result.errorKind())},
                                 {QStringLiteral("message"), result.error()}});
    send(reply);
}

void ConsoleSession::onText(const QString &text)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (!doc.isObject()) {
        answer(QJsonValue(),
               invalid(QStringLiteral("That request is not JSON: %1").arg(error.errorString())));
        return;
    }
    const QJsonObject request = doc.object();
    const QJsonValue id = request.value(QLatin1String("id"));
    const QString method = request.value(QLatin1String("method")).toString();
    const QJsonObject params = request.value(QLatin1String("params")).toObject();
    QPointer<ConsoleSession> self(this);
    dispatch(method, params, [self, id](Result<QJsonValue> result) {
        if (self)
            self->answer(id, result);
    });
}

void ConsoleSession::dispatch(const QString &method, const QJsonObject &params, Answer answer)
{
    static const QHash<QString, Method> methods{
        {QStringLiteral("signIn"), &ConsoleSession::signIn},
        {QStringLiteral("resume"), &ConsoleSession::resume},
        {QStringLiteral("signOut"), &ConsoleSession::signOut},
        {QStringLiteral("conversations"), &ConsoleSession::conversations},
        {QStringLiteral("messages"), &ConsoleSession::messages},
        {QStringLiteral("takeOver"), &ConsoleSession::takeOver},
        {QStringLiteral("handBack"), &ConsoleSession::handBack},
        {QStringLiteral("reply"), &ConsoleSession::reply},
        {QStringLiteral("addNote"), &ConsoleSession::addNote},
        {QStringLiteral("traces"), &ConsoleSession::traces},
        {QStringLiteral("close"), &ConsoleSession::closeChat},
        {QStringLiteral("reopen"), &ConsoleSession::reopen},
        {QStringLiteral("assign"), &ConsoleSession::assign},
        {QStringLiteral("setLabel"), &ConsoleSession::setLabel},
        {QStringLiteral("inboxSettings"), &ConsoleSession::inboxSettings},
        {QStringLiteral("searchMessages"), &ConsoleSession::searchMessages},
        {QStringLiteral("customerBalance"), &ConsoleSession::customerBalance},
        {QStringLiteral("templates"), &ConsoleSession::templates},
        {QStringLiteral("people"), &ConsoleSession::people},
        {QStringLiteral("knowledge.ask"), &ConsoleSession::askKnowledge},
        {QStringLiteral("knowledge.documents"), &ConsoleSession::documents},
        {QStringLiteral("knowledge.updatePassage"), &ConsoleSession::updatePassage},
        {QStringLiteral("knowledge.faq"), &ConsoleSession::faq},
        {QStringLiteral("knowledge.saveFaq"), &ConsoleSession::saveFaq},
        {QStringLiteral("products"), &ConsoleSession::products},
        {QStringLiteral("products.setStock"), &ConsoleSession::setStock},
        {QStringLiteral("report"), &ConsoleSession::report},
    };
    const Method handler = methods.value(method);
    if (!handler) {
        answer(invalid(QStringLiteral("This server does not know \"%1\".").arg(method)));
        return;
    }
    const bool opening = method == QLatin1String("signIn") || method == QLatin1String("resume");
    if (!opening) {
        if (!signedIn()) {
            answer(Result<QJsonValue>::failure(QStringLiteral("Sign in first."),
                                               ErrorKind::Forbidden));
            return;
        }
        Result<ConsoleGrant> grant = m_tokens.check(m_token);
        if (!grant) {
            answer(Result<QJsonValue>::failure(grant));
            endSession(grant.error());
            return;
        }
        const QString store = params.value(QLatin1String("store")).toString();
        if (!store.isEmpty() && store != m_grant.storeSlug) {
            answer(Result<QJsonValue>::failure(
                QStringLiteral("This sign-in is for the store \"%1\"; sign in to \"%2\" "
                               "separately.")
                    .arg(m_grant.storeSlug, store),
                ErrorKind::Forbidden));
            return;
        }
    }
    (this->*handler)(params, std::move(answer));
}

void ConsoleSession::signedInAs(const ConsoleGrant &grant, const QString &token,
                                const Answer &answer)
{
    m_grant = grant;
    m_token = token;
    m_signInWait.stop();
    Q_EMIT signedInChanged();
    const qint64 left = QDateTime::currentDateTimeUtc().msecsTo(grant.expiresAt);
    m_expiry.start(int(std::clamp<qint64>(left, 1, std::numeric_limits<int>::max())));
    qCInfo(lcEngine) << "Remote console signed in: operator" << grant.person.id << "store"
                     << grant.tenantId;
    answer(QJsonValue(QJsonObject{
        {QStringLiteral("token"), token},
        {QStringLiteral("expiresAt"), ConsoleJson::time(grant.expiresAt)},
        {QStringLiteral("person"), ConsoleJson::toJson(grant.person)},
        {QStringLiteral("store"), QJsonObject{{QStringLiteral("id"), grant.tenantId},
                                              {QStringLiteral("slug"), grant.storeSlug},
                                              {QStringLiteral("name"), grant.storeName}}},
    }));
}

void ConsoleSession::endSession(const QString &reason)
{
    m_expiry.stop();
    if (!signedIn())
        return;
    m_tokens.revoke(m_token);
    m_grant = {};
    m_token.clear();
    Q_EMIT signedInChanged();
    sendEvent(QStringLiteral("signedOut"), {{QStringLiteral("reason"), reason}});
    m_signInWait.start();
}

void ConsoleSession::recheckPerson()
{
    if (!signedIn())
        return;
    m_services.store.run(
        this,
        [tenant = m_grant.tenantId, op = m_grant.person.id](Store &store) {
            return Access::require(store, tenant, op, Permission::WorkChats);
        },
        [this, op = m_grant.person.id](Result<Operator> allowed) {
            if (!allowed && allowed.errorKind() == ErrorKind::Forbidden && m_grant.person.id == op)
                endSession(allowed.error());
        });
}

void ConsoleSession::signIn(const QJsonObject &params, Answer answer)
{
    const QString slug = params.value(QLatin1String("store")).toString().trimmed();
    const QString name = params.value(QLatin1String("name")).toString().simplified();
    const QString password = params.value(QLatin1String("password")).toString();
    if (slug.isEmpty() || name.isEmpty())
        return answer(invalid(QStringLiteral("Give the store, your name and your password.")));
    if (password.isEmpty())
        return answer(invalid(QStringLiteral("A password is needed to sign in from another "
                                             "computer.")));
    if (m_signingIn)
        return answer(Result<QJsonValue>::failure(QStringLiteral("Already signing in."),
                                                  ErrorKind::Conflict));
    m_signingIn = true;
    m_services.store.run(
        this,
        [slug, name](Store &store) -> Result<ConsoleGrant> {
            const QString unknown = QStringLiteral("The store, name or password is not right.");
            Result<Tenant> tenant = store.tenants().tenantBySlug(slug);
            if (!tenant)
                return Result<ConsoleGrant>::failure(
                    tenant.errorKind() == ErrorKind::NotFound ? unknown : tenant.error(),
                    ErrorKind::Forbidden);
            Result<Operator> person = store.operators().findByName(tenant->id, name);
            if (!person)
                return Result<ConsoleGrant>::failure(
                    person.errorKind() == ErrorKind::NotFound ? unknown : person.error(),
                    ErrorKind::Forbidden);
            return ConsoleGrant{tenant->id, tenant->slug, tenant->name, person.value(), {}};
        },
        [this, password, answer](Result<ConsoleGrant> found) {
            if (!found) {
                m_signingIn = false;
                return answer(Result<QJsonValue>::failure(found));
            }
            ConsoleGrant grant = found.value();
            if (!grant.person.hasSecret) {
                m_signingIn = false;
                return answer(Result<QJsonValue>::failure(
                    QStringLiteral("%1 has no password yet: the store's owner sets one "
                                   "(Settings → People, or shopdesk-cli operator password) before "
                                   "%1 signs in from another computer.")
                        .arg(grant.person.name),
                    ErrorKind::Forbidden));
            }
            m_services.operators.signIn(grant.tenantId, grant.person.id, password, this,
                                        [this, grant, answer](Result<Operator> person) mutable {
                                            m_signingIn = false;
                                            if (!person)
                                                return answer(Result<QJsonValue>::failure(person));
                                            grant.person = person.value();
                                            const QString token = m_tokens.issue(grant);
                                            auditRemoteSignIn(grant);
                                            signedInAs(grant, token, answer);
                                        });
        });
}

void ConsoleSession::auditRemoteSignIn(const ConsoleGrant &grant)
{
    // Beside the sign-in itself: that it came from another computer, and from where.
    m_services.store.run(
        this,
        [tenant = grant.tenantId, op = grant.person.id, from = m_link->peer()](Store &store) {
            return store.audit().record(tenant, op, QStringLiteral("signin.remote"),
                                        {{QStringLiteral("from"), from}});
        },
        [](Status recorded) {
            if (!recorded)
                qCWarning(lcEngine) << "A remote sign-in was not audited:" << recorded.error();
        });
}

void ConsoleSession::resume(const QJsonObject &params, Answer answer)
{
    const QString token = params.value(QLatin1String("token")).toString();
    Result<ConsoleGrant> grant = m_tokens.check(token);
    if (!grant)
        return answer(Result<QJsonValue>::failure(grant));
    const QString store = params.value(QLatin1String("store")).toString();
    if (!store.isEmpty() && store != grant->storeSlug)
        return answer(Result<QJsonValue>::failure(
            QStringLiteral("This sign-in is for the store \"%1\", not \"%2\".")
                .arg(grant->storeSlug, store),
            ErrorKind::Forbidden));
    signedInAs(grant.value(), token, answer);
}

void ConsoleSession::signOut(const QJsonObject &, Answer answer)
{
    endSession(QStringLiteral("Signed out."));
    answer(QJsonValue(true));
}

void ConsoleSession::conversations(const QJsonObject &, Answer answer)
{
    readChecked<QList<ConversationSummary>>(
        m_services.store, this, m_grant, Permission::WorkChats,
        [](Store &store, qint64 tenant) { return store.conversations().summaries(tenant); }, answer,
        asArray<ConversationSummary>);
}

void ConsoleSession::messages(const QJsonObject &params, Answer answer)
{
    const qint64 conversation = idParam(params, "conversationId");
    const qint64 before = idParam(params, "beforeId");
    const int limit = int(
        std::clamp<qint64>(params.value(QLatin1String("limit")).toInteger(100), 1, kMaxMessages));
    readChecked<QList<Message>>(
        m_services.store, this, m_grant, Permission::WorkChats,
        [conversation, before, limit](Store &store, qint64 tenant) {
            return store.conversations().latestMessages(tenant, conversation, limit, before);
        },
        answer, asArray<Message>);
}

void ConsoleSession::takeOver(const QJsonObject &params, Answer answer)
{
    m_services.conversations.takeOver(m_grant.tenantId, idParam(params, "conversationId"),
                                      m_grant.person.id, this,
                                      relay<OwnershipChange>(answer, [](const OwnershipChange &c) {
                                          return ConsoleJson::toJson(c.after);
                                      }));
}

void ConsoleSession::handBack(const QJsonObject &params, Answer answer)
{
    m_services.conversations.handBack(m_grant.tenantId, idParam(params, "conversationId"),
                                      m_grant.person.id, this,
                                      relay<OwnershipChange>(answer, [](const OwnershipChange &c) {
                                          return ConsoleJson::toJson(c.after);
                                      }));
}

void ConsoleSession::reply(const QJsonObject &params, Answer answer)
{
    OutboundDraft draft;
    draft.tenantId = m_grant.tenantId;
    draft.conversationId = idParam(params, "conversationId");
    draft.author = Author::Human;
    draft.operatorId = m_grant.person.id;
    draft.text = params.value(QLatin1String("text")).toString();
    draft.templateName = params.value(QLatin1String("template")).toString();
    draft.language = params.value(QLatin1String("language")).toString();
    for (const QJsonValue &value : params.value(QLatin1String("params")).toArray())
        draft.params.append(value.toString());
    if (draft.text.trimmed().isEmpty() && draft.templateName.isEmpty())
        return answer(invalid(QStringLiteral("Write the reply first.")));
    m_services.conversations.reply(draft, params.value(QLatin1String("takeOver")).toBool(true),
                                   this, relay<HumanReply>(answer, [](const HumanReply &r) {
                                       return ConsoleJson::toJson(r.message);
                                   }));
}

void ConsoleSession::addNote(const QJsonObject &params, Answer answer)
{
    m_services.conversations.addNote(
        m_grant.tenantId, idParam(params, "conversationId"), m_grant.person.id,
        params.value(QLatin1String("text")).toString(), this,
        relay<Message>(answer, [](const Message &m) { return ConsoleJson::toJson(m); }));
}

void ConsoleSession::traces(const QJsonObject &params, Answer answer)
{
    const qint64 conversation = idParam(params, "conversationId");
    const int limit = int(
        std::clamp<qint64>(params.value(QLatin1String("limit")).toInteger(100), 1, kMaxMessages));
    readChecked<QList<ExecutionTrace>>(
        m_services.store, this, m_grant, Permission::WorkChats,
        [conversation, limit](Store &store, qint64 tenant) {
            return store.agent().traces(tenant, conversation, limit);
        },
        answer, asArray<ExecutionTrace>);
}

void ConsoleSession::closeChat(const QJsonObject &params, Answer answer)
{
    m_services.conversations.close(m_grant.tenantId, idParam(params, "conversationId"),
                                   m_grant.person.id,
                                   params.value(QLatin1String("reason")).toString(), this,
                                   relay<OwnershipChange>(answer, [](const OwnershipChange &c) {
                                       return ConsoleJson::toJson(c.after);
                                   }));
}

void ConsoleSession::reopen(const QJsonObject &params, Answer answer)
{
    m_services.conversations.reopen(m_grant.tenantId, idParam(params, "conversationId"),
                                    m_grant.person.id, this,
                                    relay<OwnershipChange>(answer, [](const OwnershipChange &c) {
                                        return ConsoleJson::toJson(c.after);
                                    }));
}

void ConsoleSession::assign(const QJsonObject &params, Answer answer)
{
    m_services.conversations.assign(m_grant.tenantId, idParam(params, "conversationId"),
                                    m_grant.person.id, idParam(params, "assigneeId"), this,
                                    relay<OwnershipChange>(answer, [](const OwnershipChange &c) {
                                        return ConsoleJson::toJson(c.after);
                                    }));
}

void ConsoleSession::setLabel(const QJsonObject &params, Answer answer)
{
    m_services.conversations.setLabel(
        m_grant.tenantId, idParam(params, "conversationId"), m_grant.person.id,
        params.value(QLatin1String("label")).toString(),
        params.value(QLatin1String("on")).toBool(true), this,
        relay<Conversation>(answer, [](const Conversation &c) { return ConsoleJson::toJson(c); }));
}

void ConsoleSession::inboxSettings(const QJsonObject &, Answer answer)
{
    m_services.conversations.inboxSettings(
        m_grant.tenantId, this, relay<InboxSettings>(answer, [](const InboxSettings &settings) {
            QJsonObject values;
            for (const auto &[key, value] : settings.toSettings())
                values.insert(key, value);
            return QJsonObject{{QStringLiteral("settings"), values},
                               {QStringLiteral("storeName"), settings.storeName}};
        }));
}

void ConsoleSession::searchMessages(const QJsonObject &params, Answer answer)
{
    m_services.conversations.searchMessages(
        m_grant.tenantId, params.value(QLatin1String("text")).toString(), this,
        relay<QList<qint64>>(answer, [](const QList<qint64> &ids) {
            QJsonArray out;
            for (qint64 id : ids)
                out.append(id);
            return out;
        }));
}

void ConsoleSession::customerBalance(const QJsonObject &params, Answer answer)
{
    m_services.conversations.customerBalance(
        m_grant.tenantId, idParam(params, "conversationId"), this,
        relay<QString>(answer, [](const QString &balance) { return balance; }));
}

void ConsoleSession::templates(const QJsonObject &params, Answer answer)
{
    m_services.conversations.templates(
        m_grant.tenantId, idParam(params, "conversationId"), this,
        relay<QList<MessageTemplate>>(answer, [](const QList<MessageTemplate> &list) {
            QJsonArray out;
            for (const MessageTemplate &t : list)
                out.append(QJsonObject{{QStringLiteral("name"), t.name},
                                       {QStringLiteral("language"), t.language},
                                       {QStringLiteral("text"), t.text},
                                       {QStringLiteral("params"), t.params}});
            return out;
        }));
}

void ConsoleSession::people(const QJsonObject &, Answer answer)
{
    m_services.operators.operators(m_grant.tenantId, this,
                                   relay<QList<Operator>>(answer, [](const QList<Operator> &rows) {
                                       return ConsoleJson::array(rows);
                                   }));
}

void ConsoleSession::askKnowledge(const QJsonObject &params, Answer answer)
{
    KnowledgeService::Request request;
    request.tenantId = m_grant.tenantId;
    request.question = params.value(QLatin1String("question")).toString().trimmed();
    request.source = QStringLiteral("test");
    if (request.question.isEmpty())
        return answer(invalid(QStringLiteral("Write a question first.")));
    m_services.knowledge.ask(
        request, this, relay<KnowledgeService::Reply>(answer, [](const KnowledgeService::Reply &r) {
            QJsonArray hits;
            for (const SearchHit &hit : r.hits)
                hits.append(QJsonObject{{QStringLiteral("chunkId"), hit.chunk.chunkId},
                                        {QStringLiteral("title"), hit.chunk.title},
                                        {QStringLiteral("heading"), hit.chunk.heading},
                                        {QStringLiteral("text"), hit.chunk.text},
                                        {QStringLiteral("score"), hit.score}});
            return QJsonObject{{QStringLiteral("answer"), r.answer.text},
                               {QStringLiteral("source"), r.answer.source},
                               {QStringLiteral("confidence"), r.answer.confidence},
                               {QStringLiteral("escalate"), r.answer.escalate},
                               {QStringLiteral("reason"), r.answer.reason},
                               {QStringLiteral("hits"), hits}};
        }));
}

void ConsoleSession::documents(const QJsonObject &, Answer answer)
{
    readChecked<QList<KnowledgeDocument>>(
        m_services.store, this, m_grant, Permission::WorkChats,
        [](Store &store, qint64 tenant) { return store.knowledge().documents(tenant); }, answer,
        [](const QList<KnowledgeDocument> &rows) {
            QJsonArray out;
            for (const KnowledgeDocument &d : rows)
                out.append(
                    QJsonObject{{QStringLiteral("id"), d.id},
                                {QStringLiteral("title"), d.title},
                                {QStringLiteral("sourceName"), d.sourceName},
                                {QStringLiteral("status"), d.status},
                                {QStringLiteral("chunkCount"), d.chunkCount},
                                {QStringLiteral("updatedAt"), ConsoleJson::time(d.updatedAt)}});
            return out;
        });
}

void ConsoleSession::updatePassage(const QJsonObject &params, Answer answer)
{
    m_services.knowledgeEdits.updatePassage(
        m_grant.tenantId, m_grant.person.id, idParam(params, "chunkId"),
        params.value(QLatin1String("text")).toString(),
        params.value(QLatin1String("enabled")).toBool(true), this, [answer](Status done) {
            answer(done ? Result<QJsonValue>(QJsonValue(true)) : Result<QJsonValue>::failure(done));
        });
}

void ConsoleSession::faq(const QJsonObject &, Answer answer)
{
    m_services.knowledgeEdits.faq(
        m_grant.tenantId, this,
        relay<QList<KnowledgeEditService::FaqPair>>(
            answer, [](const QList<KnowledgeEditService::FaqPair> &pairs) {
                QJsonArray out;
                for (const auto &[question, answer] : pairs)
                    out.append(QJsonObject{{QStringLiteral("question"), question},
                                           {QStringLiteral("answer"), answer}});
                return out;
            }));
}

void ConsoleSession::saveFaq(const QJsonObject &params, Answer answer)
{
    QList<KnowledgeEditService::FaqPair> pairs;
    for (const QJsonValue &v : params.value(QLatin1String("pairs")).toArray())
        pairs.append({v.toObject().value(QLatin1String("question")).toString(),
                      v.toObject().value(QLatin1String("answer")).toString()});
    m_services.knowledgeEdits.saveFaqPairs(m_grant.tenantId, m_grant.person.id, pairs, this,
                                           [answer](Status saved) {
                                               answer(saved ? Result<QJsonValue>(QJsonValue(true))
                                                            : Result<QJsonValue>::failure(saved));
                                           });
}

void ConsoleSession::products(const QJsonObject &, Answer answer)
{
    readChecked<QList<Product>>(
        m_services.store, this, m_grant, Permission::WorkChats,
        [](Store &store, qint64 tenant) { return store.catalog().products(tenant); }, answer,
        asArray<Product>);
}

void ConsoleSession::setStock(const QJsonObject &params, Answer answer)
{
    const QString sku = params.value(QLatin1String("sku")).toString();
    const QJsonValue stock = params.value(QLatin1String("stock"));
    if (sku.isEmpty() || !stock.isDouble() || stock.toDouble() < 0)
        return answer(invalid(QStringLiteral("Give the product's SKU and a stock of 0 or more.")));
    const qint64 tenant = m_grant.tenantId;
    const qint64 op = m_grant.person.id;
    m_services.store.run(
        this,
        [tenant, op, sku](Store &store) -> Result<Product> {
            Result<Operator> allowed =
                Access::require(store, tenant, op, Permission::EditInventory);
            if (!allowed)
                return Result<Product>::failure(allowed);
            Result<QList<Product>> rows = store.catalog().products(tenant);
            if (!rows)
                return Result<Product>::failure(rows);
            for (const Product &p : rows.value()) {
                if (p.sku == sku)
                    return p;
            }
            return Result<Product>::failure(
                QStringLiteral("No product with SKU %1 in this store.").arg(sku),
                ErrorKind::NotFound);
        },
        [this, tenant, op, sku, stock = stock.toDouble(), answer](Result<Product> found) {
            if (!found)
                return answer(Result<QJsonValue>::failure(found));
            Product p = found.value();
            p.stock = stock;
            m_services.catalog.updateProduct(tenant, op, sku, p, this,
                                             relay<Product>(answer, [](const Product &saved) {
                                                 return ConsoleJson::toJson(saved);
                                             }));
        });
}

void ConsoleSession::report(const QJsonObject &params, Answer answer)
{
    const int days =
        int(std::clamp<qint64>(params.value(QLatin1String("days")).toInteger(30), 1, 366));
    const qint64 tenant = m_grant.tenantId;
    m_services.store.run(
        this,
        [tenant, op = m_grant.person.id](Store &store) -> Result<QDate> {
            Result<Operator> allowed =
                Access::require(store, tenant, op, Permission::ViewAnalytics);
            if (!allowed)
                return Result<QDate>::failure(allowed);
            return AnalyticsService::storeToday(store, tenant); // the last days end there
        },
        [this, tenant, days, answer](Result<QDate> today) {
            if (!today)
                return answer(Result<QJsonValue>::failure(today));
            ReportRange range;
            range.to = today.value();
            range.from = range.to.addDays(1 - days);
            m_services.analytics.report(
                tenant, range, this,
                relay<Report>(answer, [](const Report &r) { return ReportFormat::toJson(r); }));
        });
}

} // namespace shopdesk
