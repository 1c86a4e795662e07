#include "RemoteStoreServer.h"

#include "WebhookBurst.h"

#include <QFile>

namespace shopdesk::test {

RemoteStoreServer::RemoteStoreServer(QString cliPath)
    : m_cliPath(std::move(cliPath))
    , m_homePath(m_home.path())
{}

RemoteStoreServer::~RemoteStoreServer()
{
    stop();
}

void RemoteStoreServer::addPerson(const QString &store, const QString &name, const QString &role,
                                  const QString &password)
{
    QStringList args{QStringLiteral("operator"), QStringLiteral("add"),
                     QStringLiteral("--tenant"), store,
                     QStringLiteral("--name"),   name,
                     QStringLiteral("--role"),   role};
    if (!password.isEmpty())
        args << QStringLiteral("--password-stdin");
    m_node->cli(args, password.toUtf8() + '\n');
}

bool RemoteStoreServer::setUp()
{
    m_dbs = std::make_unique<TestDatabases>();
    const QString url = m_dbs->fresh().toString();
    m_api = std::make_unique<FakeProviderServer>(FakeProviderServer::Provider::Meta);
    if (url.isEmpty() || m_api->start() <= 0)
        return false;
    m_node = std::make_unique<ServeNode>(m_cliPath, url, m_home.filePath(QStringLiteral("node")));
    if (m_node->addStoreWithMetaChannel(QStringLiteral("shop"), m_api->baseUrl()) <= 0)
        return false;
    m_node->cli({QStringLiteral("tenant"), QStringLiteral("add"), QStringLiteral("--slug"),
                 QStringLiteral("other"), QStringLiteral("--name"), QStringLiteral("Other")});
    addPerson(QStringLiteral("shop"), QStringLiteral("Asha"), QStringLiteral("owner"),
              QStringLiteral("asha-password-1"));
    addPerson(QStringLiteral("shop"), QStringLiteral("Ravi"), QStringLiteral("agent"),
              QStringLiteral("ravi-password-1"));
    addPerson(QStringLiteral("shop"), QStringLiteral("Nisha"), QStringLiteral("agent"), {});
    addPerson(QStringLiteral("other"), QStringLiteral("Olga"), QStringLiteral("owner"),
              QStringLiteral("olga-password-1"));
    QFile csv(m_home.filePath(QStringLiteral("products.csv")));
    if (!csv.open(QIODevice::WriteOnly))
        return false;
    csv.write("sku,name,price,stock\nMILK1,Amul Milk 1 L,66,40\nBRD1,Brown Bread,45,12\n");
    csv.close();
    m_node->cli({QStringLiteral("inventory"), QStringLiteral("import"), QStringLiteral("--tenant"),
                 QStringLiteral("shop"), csv.fileName()});
    auto opened = Store::open(DatabaseUrl::parse(url).value());
    if (!opened)
        return false;
    m_store = std::move(opened).value();
    m_store->setSecretBox(m_node->secrets());
    auto tenant = m_store->tenants().tenantBySlug(QStringLiteral("shop"));
    auto channels =
        tenant ? m_store->channels().channels(tenant->id) : Result<QList<Channel>>::failure(tenant);
    if (!channels || channels->isEmpty())
        return false;
    m_channel = channels->first();
    return true;
}

int RemoteStoreServer::start(const QStringList &extra)
{
    return m_node ? m_node->start(extra) : 0;
}

bool RemoteStoreServer::stop()
{
    return !m_node || m_node->stop();
}

QString RemoteStoreServer::address(const QString &scheme) const
{
    return QStringLiteral("%1://127.0.0.1:%2").arg(scheme).arg(m_node->port());
}

bool RemoteStoreServer::open(RemoteConsoleClient &client, const QString &scheme)
{
    const QUrl url = RemoteConsoleClient::apiUrl(address(scheme));
    Status opened = await<Done>([&](QObject *c, auto done) { client.open(url, c, done); });
    if (!opened)
        qWarning() << "cannot open" << url << opened.error();
    return bool(opened);
}

Result<RemoteConsoleClient::Session> RemoteStoreServer::signIn(RemoteConsoleClient &client,
                                                               const QString &store,
                                                               const QString &name,
                                                               const QString &password)
{
    return await<RemoteConsoleClient::Session>(
        [&](QObject *c, auto done) { client.signIn(store, name, password, c, done); });
}

Result<RemoteConsoleClient::Session>
RemoteStoreServer::signIn(RemoteConsoleClient &client, const QString &store, const QString &name)
{
    return signIn(client, store, name, name.toLower() + QStringLiteral("-password-1"));
}

bool RemoteStoreServer::postCustomerMessage(const QString &run, qint64 n)
{
    WebhookBurst burst;
    burst.post(m_channel, QUrl(address(QStringLiteral("http"))), run, n, 1);
    return burst.waitForAnswers(20000) && burst.acknowledged() == 1;
}

} // namespace shopdesk::test
