#include "cli/ServeCommand.h"

#include "storage/SecretKeyStore.h"

#include "agent/Agent.h"
#include "cli/UnixSignalWatcher.h"
#include "engine/DataDirectory.h"
#include "engine/Engine.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLocale>
#include <QLoggingCategory>

namespace shopdesk {

void ServeCommand::addOptions(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("listen"),
                      QStringLiteral("Serve provider webhooks on HOST:PORT (port 0: any free "
                                     "port), e.g. 0.0.0.0:8787."),
                      QStringLiteral("HOST:PORT")});
    parser.addOption({QStringLiteral("tls-cert"),
                      QStringLiteral("Serve HTTPS with this certificate (PEM)."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("tls-key"),
                      QStringLiteral("The certificate's private key (PEM)."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("no-agent"),
                      QStringLiteral("Receive and send only: the bot does not answer customers "
                                     "on this node.")});
    parser.addOption({QStringLiteral("bot-lease"),
                      QStringLiteral("How long this node holds a chat for its bot between turns, "
                                     "in seconds (default 30): when a node dies, the others "
                                     "answer its chats this much later."),
                      QStringLiteral("SECONDS")});
    parser.addOption({QStringLiteral("console-sign-in"),
                      QStringLiteral("How long a remote console's sign-in lasts, in minutes "
                                     "(default 720, 12 hours); 0 turns the remote console API "
                                     "(/api/ws) off."),
                      QStringLiteral("MINUTES")});
}

int ServeCommand::run(const QCommandLineParser &parser)
{
    auto url = databaseUrl(parser);
    if (!url)
        return fail(url.error());
    Engine::Options options;
    options.agent = !parser.isSet(QStringLiteral("no-agent"));
    if (parser.isSet(QStringLiteral("bot-lease"))) {
        bool ok = false;
        const double seconds = parser.value(QStringLiteral("bot-lease")).toDouble(&ok);
        if (!ok || seconds < 0.1 || seconds > 3600)
            return fail(QStringLiteral("--bot-lease needs a number of seconds between 0.1 and "
                                       "3600, not \"%1\".")
                            .arg(parser.value(QStringLiteral("bot-lease"))));
        options.botLeaseMs = int(seconds * 1000);
    }
    options.consoleTokenSeconds = 12 * 3600;
    if (parser.isSet(QStringLiteral("console-sign-in"))) {
        bool ok = false;
        const double minutes = parser.value(QStringLiteral("console-sign-in")).toDouble(&ok);
        if (!ok || minutes < 0 || minutes > 30 * 24 * 60)
            return fail(QStringLiteral("--console-sign-in needs a number of minutes between 0 "
                                       "and 43200 (30 days), not \"%1\".")
                            .arg(parser.value(QStringLiteral("console-sign-in"))));
        options.consoleTokenSeconds = minutes > 0 ? qMax<qint64>(1, qint64(minutes * 60)) : 0;
    }
    if (parser.isSet(QStringLiteral("listen"))) {
        const QString listen = parser.value(QStringLiteral("listen"));
        const qsizetype colon = listen.lastIndexOf(QLatin1Char(':'));
        bool ok = false;
        const int port = colon > 0 ? listen.mid(colon + 1).toInt(&ok) : -1;
        const QHostAddress address(listen.left(colon));
        if (!ok || port < 0 || port > 65535 || address.isNull())
            return fail(QStringLiteral("--listen needs HOST:PORT with an IP address, e.g. "
                                       "127.0.0.1:8787, not \"%1\".")
                            .arg(listen));
        options.listenAddress = address;
        options.listenPort = port;
        options.tls.certificateFile = parser.value(QStringLiteral("tls-cert"));
        options.tls.keyFile = parser.value(QStringLiteral("tls-key"));
        if (options.tls.certificateFile.isEmpty() != options.tls.keyFile.isEmpty())
            return fail(QStringLiteral("HTTPS needs both --tls-cert and --tls-key."));
    }
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(QStringLiteral("shopdesk.*.info=true"));
    options.database = url.value();
    options.dataDir = DataDirectory::resolve(parser.value(QStringLiteral("data-dir")));
    options.keychain = SecretKeyStore::desktopSession();
    Engine engine(options);
    UnixSignalWatcher signals;
    int exitCode = ExitOk;

    QObject::connect(&engine, &Engine::stateChanged, &engine, [&](Engine::State state) {
        if (state == Engine::State::Running) {
            out() << "shopdesk engine running on " << engine.storeDescription() << Qt::endl;
            if (engine.webhookPort() > 0)
                out() << "webhooks on " << (options.tls.enabled() ? "https://" : "http://")
                      << options.listenAddress.toString() << ':' << engine.webhookPort()
                      << " (health: GET /healthz)" << Qt::endl;
            if (engine.webhookPort() > 0 && engine.consoleApi())
                out() << "remote console on " << (options.tls.enabled() ? "wss://" : "ws://")
                      << options.listenAddress.toString() << ':' << engine.webhookPort()
                      << "/api/ws" << Qt::endl;
        } else if (state == Engine::State::Failed) {
            exitCode = fail(engine.lastError());
            QCoreApplication::exit(exitCode);
        }
    });
    QObject::connect(&signals, &UnixSignalWatcher::terminationRequested, &engine, [&](int number) {
        out() << "received signal " << number << ", shutting down" << Qt::endl;
        engine.stop();
        QCoreApplication::exit(ExitOk);
    });
    // Backpressure, said where an operator looks: the bot falls behind, acknowledgements do not.
    QElapsedTimer lastSaid;
    bool saidBehind = false;
    QObject::connect(&engine.agent(), &Agent::backlogChanged, &engine, [&](int messages) {
        if (messages >= 100 && (!lastSaid.isValid() || lastSaid.elapsed() >= 5000)) {
            out() << "bot is " << QLocale().toString(messages) << " messages behind" << Qt::endl;
            lastSaid.start();
            saidBehind = true;
        } else if (messages == 0 && saidBehind) {
            out() << "bot caught up" << Qt::endl;
            saidBehind = false;
        }
    });
    engine.start();
    const int code = QCoreApplication::exec();
    engine.stop();
    if (code == ExitOk)
        out() << "stopped" << Qt::endl;
    return code;
}

} // namespace shopdesk
