#include "remote/RemoteConsoleClient.h"

#include "remote/ConsoleApi.h"
#include "remote/ConsoleJson.h"

#include <QFile>
#include <QJsonDocument>
#include <QSslConfiguration>
#include <QWebSocket>

namespace shopdesk {

namespace {

constexpr int kAnswerWithinSeconds = 30;

ErrorKind kindFromText(const QString &kind)
{
    if (kind == QLatin1String("notFound"))
        return ErrorKind::NotFound;
    if (kind == QLatin1String("invalid"))
        return ErrorKind::Invalid;
    if (kind == QLatin1String("connectionLost"))
        return ErrorKind::ConnectionLost;
    if (kind == QLatin1String("conflict"))
        return ErrorKind::Conflict;
    if (kind == QLatin1String("forbidden"))
        return ErrorKind::Forbidden;
    return ErrorKind::Failed;
}

} // namespace

RemoteConsoleClient::RemoteConsoleClient(QObject *parent)
    : QObject(parent)
{
    m_deadlines.setInterval(1000);
    connect(&m_deadlines, &QTimer::timeout, this, &RemoteConsoleClient::checkDeadlines);
}

RemoteConsoleClient::~RemoteConsoleClient()
{
    if (m_socket)
        m_socket->disconnect(this);
}

Status RemoteConsoleClient::trustCertificate(const QString &pemFile)
{
    const QList<QSslCertificate> certificates = QSslCertificate::fromPath(pemFile, QSsl::Pem);
    if (certificates.isEmpty())
        return Status::failure(tr("%1 is not a certificate file (PEM).").arg(pemFile),
                               ErrorKind::Invalid);
    m_trusted += certificates;
    return success();
}

QUrl RemoteConsoleClient::apiUrl(const QString &address)
{
    QUrl url(address.trimmed());
    if (url.path().isEmpty() || url.path() == QLatin1String("/"))
        url.setPath(QLatin1String(ConsoleApi::kPath));
    return url;
}

bool RemoteConsoleClient::isOpen() const
{
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState && m_greeted;
}

void RemoteConsoleClient::open(const QUrl &url, QObject *context, std::function<void(Status)> done)
{
    close();
    if (url.scheme() != QLatin1String("ws") && url.scheme() != QLatin1String("wss")) {
        done(Status::failure(tr("The server's address starts with wss:// (or ws:// on this "
                                "computer or a private network), like wss://shop.example:8443."),
                             ErrorKind::Invalid));
        return;
    }
    m_url = url;
    m_socket = std::make_unique<QWebSocket>();
    if (!m_trusted.isEmpty()) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.addCaCertificates(m_trusted);
        m_socket->setSslConfiguration(tls);
    }
    auto answered = std::make_shared<bool>(false);
    QPointer<QObject> guard(context);
    auto finish = [answered, guard, done](Status status) {
        if (*answered)
            return;
        *answered = true;
        if (guard)
            done(status);
    };
    QWebSocket *socket = m_socket.get();
    // Open once the server's session greets us: what is sent before could go unheard.
    connect(this, &RemoteConsoleClient::event, socket, [finish](const QString &name) {
        if (name == QLatin1String("hello"))
            finish(success());
    });
    connect(socket, &QWebSocket::textMessageReceived, this, &RemoteConsoleClient::onText);
    connect(socket, &QWebSocket::disconnected, this, [this, socket, answered, finish] {
        const QString reason = socket->closeReason().isEmpty()
                                   ? tr("Cannot reach the server: %1").arg(socket->errorString())
                                   : socket->closeReason();
        const bool wasOpen = *answered;
        finish(Status::failure(reason, ErrorKind::ConnectionLost));
        failPending(reason);
        m_session = {};
        m_greeted = false;
        if (wasOpen)
            Q_EMIT connectionLost(reason);
    });
    socket->open(url);
}

void RemoteConsoleClient::close()
{
    if (!m_socket)
        return;
    m_greeted = false;
    std::unique_ptr<QWebSocket> socket = std::move(m_socket);
    socket->disconnect(this);
    socket->close();
    failPending(tr("The connection was closed."));
    m_session = {};
    socket.release()->deleteLater();
}

void RemoteConsoleClient::call(const QString &method, const QJsonObject &params, QObject *context,
                               Reply done)
{
    if (!isOpen()) {
        done(Result<QJsonValue>::failure(tr("Not connected to the server."),
                                         ErrorKind::ConnectionLost));
        return;
    }
    const qint64 id = m_nextId++;
    m_pending.insert(id, {context, std::move(done),
                          QDateTime::currentDateTimeUtc().addSecs(kAnswerWithinSeconds)});
    if (!m_deadlines.isActive())
        m_deadlines.start();
    const QJsonObject request{{QStringLiteral("id"), id},
                              {QStringLiteral("method"), method},
                              {QStringLiteral("params"), params}};
    m_socket->sendTextMessage(
        QString::fromUtf8(QJsonDocument(request).toJson(QJsonDocument::Compact)));
}

void RemoteConsoleClient::onText(const QString &text)
{
    const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
    if (o.contains(QLatin1String("event"))) {
        onEvent(o.value(QLatin1String("event")).toString(),
                o.value(QLatin1String("data")).toObject());
        return;
    }
    const auto it = m_pending.find(o.value(QLatin1String("id")).toInteger());
    if (it == m_pending.end())
        return;
    Pending pending = std::move(it.value());
    m_pending.erase(it);
    if (!pending.context)
        return;
    if (o.contains(QLatin1String("error"))) {
        const QJsonObject e = o.value(QLatin1String("error")).toObject();
        pending.done(
            Result<QJsonValue>::failure(e.value(QLatin1String("message")).toString(),
                                        kindFromText(e.value(QLatin1String("kind")).toString())));
        return;
    }
    pending.done(o.value(QLatin1String("result")));
}

void RemoteConsoleClient::onEvent(const QString &name, const QJsonObject &data)
{
    const qint64 tenant = m_session.storeId;
    if (name == QLatin1String("messages")) {
        Q_EMIT messagesAppended(tenant, data.value(QLatin1String("conversationId")).toInteger(),
                                ConsoleJson::list<Message>(data.value(QLatin1String("messages")),
                                                           &ConsoleJson::message));
    } else if (name == QLatin1String("conversation")) {
        Q_EMIT conversationChanged(
            tenant,
            ConsoleJson::conversation(data.value(QLatin1String("conversation")).toObject()));
    } else if (name == QLatin1String("messageUpdated")) {
        Q_EMIT messageUpdated(
            tenant, ConsoleJson::message(data.value(QLatin1String("message")).toObject()));
    } else if (name == QLatin1String("trace")) {
        Q_EMIT traceAdded(tenant, data.value(QLatin1String("conversationId")).toInteger());
    } else if (name == QLatin1String("resync")) {
        Q_EMIT resyncNeeded(tenant);
    } else if (name == QLatin1String("hello")) {
        m_greeted = true;
    } else if (name == QLatin1String("signedOut")) {
        m_session = {};
        Q_EMIT signedOut(data.value(QLatin1String("reason")).toString());
    }
    Q_EMIT event(name, data);
}

void RemoteConsoleClient::failPending(const QString &reason)
{
    QHash<qint64, Pending> pending;
    pending.swap(m_pending);
    m_deadlines.stop();
    for (Pending &p : pending) {
        if (p.context)
            p.done(Result<QJsonValue>::failure(reason, ErrorKind::ConnectionLost));
    }
}

void RemoteConsoleClient::checkDeadlines()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QList<Pending> late;
    for (auto it = m_pending.begin(); it != m_pending.end();) {
        if (it->deadline <= now) {
            late.append(std::move(it.value()));
            it = m_pending.erase(it);
        } else {
            ++it;
        }
    }
    if (m_pending.isEmpty())
        m_deadlines.stop();
    for (Pending &p : late) {
        if (p.context)
            p.done(Result<QJsonValue>::failure(tr("The server did not answer in time."),
                                               ErrorKind::ConnectionLost));
    }
}

RemoteConsoleClient::Reply
RemoteConsoleClient::sessionReply(std::function<void(Result<Session>)> done)
{
    return [this, done = std::move(done)](Result<QJsonValue> r) {
        if (!r)
            return done(Result<Session>::failure(r));
        const QJsonObject o = r.value().toObject();
        const QJsonObject store = o.value(QLatin1String("store")).toObject();
        m_session = Session{o.value(QLatin1String("token")).toString(),
                            ConsoleJson::time(o.value(QLatin1String("expiresAt"))),
                            ConsoleJson::person(o.value(QLatin1String("person")).toObject()),
                            store.value(QLatin1String("id")).toInteger(),
                            store.value(QLatin1String("slug")).toString(),
                            store.value(QLatin1String("name")).toString()};
        done(m_session);
    };
}

void RemoteConsoleClient::signIn(const QString &store, const QString &name, const QString &password,
                                 QObject *context, std::function<void(Result<Session>)> done)
{
    call(QStringLiteral("signIn"),
         {{QStringLiteral("store"), store},
          {QStringLiteral("name"), name},
          {QStringLiteral("password"), password}},
         context, sessionReply(std::move(done)));
}

void RemoteConsoleClient::resume(const QString &token, QObject *context,
                                 std::function<void(Result<Session>)> done)
{
    call(QStringLiteral("resume"), {{QStringLiteral("token"), token}}, context,
         sessionReply(std::move(done)));
}

void RemoteConsoleClient::conversations(
    QObject *context, std::function<void(Result<QList<ConversationSummary>>)> done)
{
    call(QStringLiteral("conversations"), {}, context,
         decoding<QList<ConversationSummary>>(std::move(done), [](const QJsonValue &v) {
             return ConsoleJson::list<ConversationSummary>(v, &ConsoleJson::summary);
         }));
}

void RemoteConsoleClient::messages(qint64 conversationId, QObject *context,
                                   std::function<void(Result<QList<Message>>)> done, int limit,
                                   qint64 beforeId)
{
    call(QStringLiteral("messages"),
         {{QStringLiteral("conversationId"), conversationId},
          {QStringLiteral("limit"), limit},
          {QStringLiteral("beforeId"), beforeId}},
         context, decoding<QList<Message>>(std::move(done), [](const QJsonValue &v) {
             return ConsoleJson::list<Message>(v, &ConsoleJson::message);
         }));
}

void RemoteConsoleClient::traces(qint64 conversationId, int limit, QObject *context,
                                 std::function<void(Result<QList<ExecutionTrace>>)> done)
{
    call(QStringLiteral("traces"),
         {{QStringLiteral("conversationId"), conversationId}, {QStringLiteral("limit"), limit}},
         context, decoding<QList<ExecutionTrace>>(std::move(done), [](const QJsonValue &v) {
             return ConsoleJson::list<ExecutionTrace>(v, &ConsoleJson::trace);
         }));
}

void RemoteConsoleClient::takeOver(qint64 conversationId, QObject *context,
                                   std::function<void(Result<Conversation>)> done)
{
    call(QStringLiteral("takeOver"), {{QStringLiteral("conversationId"), conversationId}}, context,
         decoding<Conversation>(std::move(done), [](const QJsonValue &v) {
             return ConsoleJson::conversation(v.toObject());
         }));
}

void RemoteConsoleClient::handBack(qint64 conversationId, QObject *context,
                                   std::function<void(Result<Conversation>)> done)
{
    call(QStringLiteral("handBack"), {{QStringLiteral("conversationId"), conversationId}}, context,
         decoding<Conversation>(std::move(done), [](const QJsonValue &v) {
             return ConsoleJson::conversation(v.toObject());
         }));
}

void RemoteConsoleClient::reply(qint64 conversationId, const QString &text, QObject *context,
                                std::function<void(Result<Message>)> done)
{
    call(QStringLiteral("reply"),
         {{QStringLiteral("conversationId"), conversationId}, {QStringLiteral("text"), text}},
         context, decoding<Message>(std::move(done), [](const QJsonValue &v) {
             return ConsoleJson::message(v.toObject());
         }));
}

void RemoteConsoleClient::products(QObject *context,
                                   std::function<void(Result<QList<Product>>)> done)
{
    call(QStringLiteral("products"), {}, context,
         decoding<QList<Product>>(std::move(done), [](const QJsonValue &v) {
             return ConsoleJson::list<Product>(v, &ConsoleJson::product);
         }));
}

} // namespace shopdesk
