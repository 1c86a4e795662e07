// shopdesk: the desktop console. Embeds the engine; composition and shutdown order only.
#include "ConsoleSettings.h"
#include "MainWindow.h"
#include "engine/DataDirectory.h"
#include "engine/Engine.h"
#include "remote/RemoteConsoleClient.h"
#include "remote/RemoteConsoleWindow.h"
#include "remote/RemoteSignInDialog.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QHostAddress>
#include <QLineEdit>
#include <QMessageBox>
#include <QTextStream>
#include <QTimer>

namespace {

// `--connect wss://host:port`: the console on a serve node, without a database or an engine
// here. Signs in, opens the window, and asks again whenever the node signs the console out.
int runRemote(const QCommandLineParser &parser)
{
    shopdesk::RemoteConsoleClient client;
    const QString certificate = parser.value(QStringLiteral("trust-certificate"));
    if (!certificate.isEmpty()) {
        if (auto trusted = client.trustCertificate(certificate); !trusted) {
            QMessageBox::critical(nullptr, QStringLiteral("Shopdesk"), trusted.error());
            return 1;
        }
    }
    shopdesk::RemoteSignInDialog signIn(client, parser.value(QStringLiteral("connect")),
                                        parser.value(QStringLiteral("store")));
    if (parser.isSet(QStringLiteral("password-stdin"))) {
        // A kiosk started by a script: the password comes on standard input, never argv.
        QTextStream in(stdin);
        const QString password = in.readLine();
        QTimer::singleShot(0, &signIn, [&signIn, &parser, password] {
            signIn.signInAs(parser.value(QStringLiteral("name")), password);
        });
    } else if (parser.isSet(QStringLiteral("name"))) {
        signIn.nameEdit()->setText(parser.value(QStringLiteral("name")));
    }
    if (signIn.exec() != QDialog::Accepted)
        return 0;
    shopdesk::RemoteConsoleWindow window(client);
    QObject::connect(&window, &shopdesk::RemoteConsoleWindow::signInNeeded, &window,
                     [&](const QString &why) {
                         signIn.askAgain(why);
                         if (signIn.exec() == QDialog::Accepted)
                             window.start();
                         else
                             window.close();
                     });
    window.start();
    window.show();
    return QApplication::exec();
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Shopdesk"));
    QApplication::setApplicationName(QStringLiteral("shopdesk"));
    QApplication::setApplicationDisplayName(QStringLiteral("Shopdesk"));
    QApplication::setApplicationVersion(QStringLiteral(SHOPDESK_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Shopdesk console: your store's AI employee on WhatsApp."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({QStringLiteral("database"),
                      QStringLiteral("sqlite:PATH or postgresql://user:pass@host:port/db (default: "
                                     "the store on this computer)."),
                      QStringLiteral("URL")});
    parser.addOption({QStringLiteral("data-dir"),
                      QStringLiteral("Folder for the embedded store and media."),
                      QStringLiteral("DIR")});
    parser.addOption(
        {QStringLiteral("no-demo"), QStringLiteral("Do not load the demo store on first start.")});
    parser.addOption({QStringLiteral("listen"),
                      QStringLiteral("Serve WhatsApp webhooks on HOST:PORT (default "
                                     "127.0.0.1:8787; \"off\" to switch them off)."),
                      QStringLiteral("HOST:PORT")});
    parser.addOption({QStringLiteral("connect"),
                      QStringLiteral("Work on a store's server (shopdesk-cli serve) from this "
                                     "computer: wss://host:port (ws:// on a private network)."),
                      QStringLiteral("URL")});
    parser.addOption({QStringLiteral("store"),
                      QStringLiteral("With --connect: the store's short name."),
                      QStringLiteral("SLUG")});
    parser.addOption({QStringLiteral("name"),
                      QStringLiteral("With --connect: your name as the store's owner added you."),
                      QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("password-stdin"),
                      QStringLiteral("With --connect and --name: read the password from standard "
                                     "input and sign in at once (a shop's own kiosk).")});
    parser.addOption({QStringLiteral("trust-certificate"),
                      QStringLiteral("With --connect: trust the server's own certificate (PEM), "
                                     "when no authority signed it."),
                      QStringLiteral("FILE")});
    parser.process(app);
    if (parser.isSet(QStringLiteral("connect")))
        return runRemote(parser);

    shopdesk::ConsoleSettings settings;
    const QString dataDir =
        shopdesk::DataDirectory::resolve(parser.value(QStringLiteral("data-dir")));
    QString databaseText = parser.value(QStringLiteral("database"));
    if (databaseText.isEmpty())
        databaseText = settings.databaseUrl();

    shopdesk::Engine::Options options;
    options.dataDir = dataDir;
    options.keychain = true; // the desktop's keychain holds the data key (a key file without one)
    options.engineThread = true; // the engine's work never runs on the window's thread
    if (databaseText.isEmpty()) {
        if (auto ok = shopdesk::DataDirectory::ensure(dataDir); !ok) {
            QMessageBox::critical(nullptr, QStringLiteral("Shopdesk"), ok.error());
            return 1;
        }
        options.database = shopdesk::DatabaseUrl::defaultFor(dataDir);
        // The embedded store starts with the demo shop so there is something to look at.
        options.loadDemoIfEmpty = !parser.isSet(QStringLiteral("no-demo"));
    } else {
        auto url = shopdesk::DatabaseUrl::parse(databaseText);
        if (!url) {
            QMessageBox::critical(nullptr, QStringLiteral("Shopdesk"), url.error());
            return 1;
        }
        options.database = url.value();
    }

    // Webhooks reach the console through a tunnel or reverse proxy to this address (README).
    const QString listen = parser.isSet(QStringLiteral("listen"))
                               ? parser.value(QStringLiteral("listen"))
                               : QStringLiteral("127.0.0.1:8787");
    if (listen != QLatin1String("off")) {
        const qsizetype colon = listen.lastIndexOf(QLatin1Char(':'));
        const QHostAddress address(listen.left(colon));
        bool ok = false;
        const int port = listen.mid(colon + 1).toInt(&ok);
        if (colon <= 0 || address.isNull() || !ok || port < 0 || port > 65535) {
            QMessageBox::critical(nullptr, QStringLiteral("Shopdesk"),
                                  QStringLiteral("--listen needs HOST:PORT, e.g. 127.0.0.1:8787."));
            return 1;
        }
        options.listenAddress = address;
        options.listenPort = port;
        options.listenRequired = false;
    }

    // Construction order: engine first, window second; destruction in reverse.
    shopdesk::Engine engine(options);
    shopdesk::MainWindow window(engine, settings);
    window.show();
    engine.start();
    const int code = QApplication::exec();
    engine.stop();
    return code;
}
