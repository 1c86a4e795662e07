#include "TestDatabases.h"

#include <QCoreApplication>
#include <QFile>
#include <QUrl>
#include <QUuid>

#include <pqxx/pqxx>

namespace shopdesk::test {

QString TestDatabases::backend()
{
    const QString b = qEnvironmentVariable("SHOPDESK_TEST_BACKEND");
    return b.isEmpty() ? QStringLiteral("sqlite") : b;
}

QString TestDatabases::postgresServerUrl(QString *why)
{
    QString url = qEnvironmentVariable("SHOPDESK_TEST_PG_URL");
    if (url.isEmpty()) {
        const QString file = qEnvironmentVariable("SHOPDESK_PG_URL_FILE");
        QFile f(file);
        if (!file.isEmpty() && f.open(QIODevice::ReadOnly))
            url = QString::fromUtf8(f.readAll()).trimmed();
    }
    if (url.isEmpty() && why)
        *why =
            QStringLiteral("No PostgreSQL test server: run the tests through ctest (it starts one "
                           "with scripts/pg-test-server.sh) or set SHOPDESK_TEST_PG_URL.");
    return url;
}

TestDatabases::TestDatabases(const QString &backend)
    : m_backend(backend)
{}

DatabaseUrl TestDatabases::fresh()
{
    ++m_counter;
    if (m_backend != QLatin1String("postgresql"))
        return DatabaseUrl::sqliteFile(
            m_dir.filePath(QStringLiteral("test-%1.sqlite3").arg(m_counter)));

    const QString server = postgresServerUrl(&m_error);
    if (server.isEmpty())
        return {};
    const QString name = QStringLiteral("t_%1_%2")
                             .arg(QCoreApplication::applicationName().left(20).replace(
                                 QLatin1Char('-'), QLatin1Char('_')))
                             .arg(QUuid::createUuid().toString(QUuid::Id128).left(12));
    try {
        pqxx::connection admin(server.toStdString());
        pqxx::nontransaction tx(admin);
        tx.exec("CREATE DATABASE " + tx.quote_name(name.toStdString()));
    } catch (const std::exception &e) {
        m_error = QStringLiteral("Cannot create a test database on %1: %2")
                      .arg(server, QString::fromUtf8(e.what()));
        return {};
    }
    QUrl url(server);
    url.setPath(QLatin1Char('/') + name);
    auto parsed = DatabaseUrl::parse(url.toString());
    return parsed ? parsed.value() : DatabaseUrl();
}

} // namespace shopdesk::test
