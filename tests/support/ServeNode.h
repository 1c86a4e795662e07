#pragma once

#include "storage/SecretBox.h"

#include <QProcess>
#include <QString>
#include <QStringList>

namespace shopdesk::test {

// A `shopdesk-cli serve` process for tests: its own data folder (so its own node id), the given
// database, webhooks on a free port of 127.0.0.1. The destructor stops it (SIGTERM, then kill).
class ServeNode
{
public:
    ServeNode(QString cliPath, QString databaseUrl, QString dataDir);
    ~ServeNode();

    // Starts serve (with extra arguments such as --no-agent); the webhook port, 0 on failure.
    int start(const QStringList &extra = {});
    int port() const { return m_port; }
    QProcess &process() { return m_process; }
    bool stop(); // SIGTERM and wait
    // Runs the CLI once against the same database and data folder; its standard output.
    QString cli(const QStringList &args, const QByteArray &input = {}) const;
    // Through the CLI: a store `slug` with a Meta channel whose API is at apiBase (a fake on
    // 127.0.0.1); the channel's id, 0 on failure.
    qint64 addStoreWithMetaChannel(const QString &slug, const QString &apiBase) const;
    // The data key every node in this folder's parent shares (as a shared store's nodes must:
    // one key file copied to each), for opening the database from the test with its secrets.
    QString keyFile() const;
    SecretBox secrets() const;

private:
    QProcessEnvironment environment() const;

    QString m_cliPath;
    QString m_databaseUrl;
    QString m_dataDir;
    QProcess m_process;
    int m_port = 0;
};

} // namespace shopdesk::test
