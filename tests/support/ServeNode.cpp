#include "ServeNode.h"

#include "storage/SecretKeyStore.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

#include <csignal>

namespace shopdesk::test {

ServeNode::ServeNode(QString cliPath, QString databaseUrl, QString dataDir)
    : m_cliPath(std::move(cliPath))
    , m_databaseUrl(std::move(databaseUrl))
    , m_dataDir(std::move(dataDir))
{}

ServeNode::~ServeNode()
{
    if (m_process.state() != QProcess::NotRunning && !stop()) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

QProcessEnvironment ServeNode::environment() const
{
    QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
    e.insert(QStringLiteral("SHOPDESK_DATA_DIR"), m_dataDir);
    e.insert(QStringLiteral("SHOPDESK_SECRET_KEY_FILE"), keyFile());
    e.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS")); // a server: no desktop keychain
    return e;
}

QString ServeNode::keyFile() const
{
    return QFileInfo(m_dataDir).absoluteDir().filePath(QStringLiteral("shared-secrets.key"));
}

SecretBox ServeNode::secrets() const
{
    auto key = SecretKeyStore::fromFile(keyFile());
    return key ? SecretBox(key.value().bytes) : SecretBox();
}

int ServeNode::start(const QStringList &extra)
{
    m_process.setProcessEnvironment(environment());
    m_process.start(m_cliPath, QStringList{QStringLiteral("serve"), QStringLiteral("--database"),
                                           m_databaseUrl, QStringLiteral("--listen"),
                                           QStringLiteral("127.0.0.1:0")} +
                                   extra);
    static const QRegularExpression port(
        QStringLiteral("webhooks on https?://127\\.0\\.0\\.1:(\\d+)"));
    QByteArray out;
    m_port = 0;
    const bool started = QTest::qWaitFor(
        [&] {
            out += m_process.readAllStandardOutput();
            const auto m = port.match(QString::fromUtf8(out));
            m_port = m.hasMatch() ? m.captured(1).toInt() : 0;
            return m_port > 0 || m_process.state() == QProcess::NotRunning;
        },
        30000);
    if (!started || m_port == 0)
        qWarning() << "serve did not start:" << out << m_process.readAllStandardError();
    return m_port;
}

bool ServeNode::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return true;
    ::kill(pid_t(m_process.processId()), SIGTERM);
    return m_process.waitForFinished(15000);
}

QString ServeNode::cli(const QStringList &args, const QByteArray &input) const
{
    QProcess p;
    p.setProcessEnvironment(environment());
    p.start(m_cliPath, args + QStringList{QStringLiteral("--database"), m_databaseUrl});
    if (!input.isEmpty())
        p.write(input);
    p.closeWriteChannel();
    p.waitForFinished(60000);
    if (p.exitCode() != 0)
        qWarning() << "cli" << args << p.readAllStandardError();
    return QString::fromUtf8(p.readAllStandardOutput());
}

qint64 ServeNode::addStoreWithMetaChannel(const QString &slug, const QString &apiBase) const
{
    cli({QStringLiteral("tenant"), QStringLiteral("add"), QStringLiteral("--slug"), slug,
         QStringLiteral("--name"), slug});
    const QString added =
        cli({QStringLiteral("channel"), QStringLiteral("add"), QStringLiteral("--tenant"), slug,
             QStringLiteral("--provider"), QStringLiteral("meta"), QStringLiteral("--set"),
             QStringLiteral("phone_number_id=PN"), QStringLiteral("--set"),
             QStringLiteral("access_token=tok"), QStringLiteral("--set"),
             QStringLiteral("app_secret=sec"), QStringLiteral("--set"),
             QStringLiteral("verify_token=v"), QStringLiteral("--set"),
             QStringLiteral("rate_limit=1000"), QStringLiteral("--set"),
             QStringLiteral("api_base=") + apiBase});
    return QJsonDocument::fromJson(added.toUtf8()).object().value(QLatin1String("id")).toInteger();
}

} // namespace shopdesk::test
