#include "net/HttpServer.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSslConfiguration>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace shopdesk;

// The engine's HTTP server: plain and HTTPS, answers given later (after the event is stored),
// extra headers, and clear errors for a bad certificate or a port in use.
class TestHttpServer : public QObject
{
    Q_OBJECT

    static int status(QNetworkReply *reply)
    {
        return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    }

private Q_SLOTS:
    void answersLaterWithHeaders()
    {
        HttpServer server;
        std::vector<std::unique_ptr<HttpReply>> held;
        server.setHandler([&](const HttpRequest &r, HttpReply reply) {
            QCOMPARE(r.header("x-test"), QByteArray("yes"));
            held.push_back(std::make_unique<HttpReply>(std::move(reply)));
        });
        auto port = server.listen(QHostAddress::LocalHost, 0);
        QVERIFY(port.ok());
        QNetworkAccessManager network;
        QNetworkRequest request(
            QUrl(QStringLiteral("http://127.0.0.1:%1/x?a=1").arg(port.value())));
        request.setRawHeader("X-Test", "yes");
        QNetworkReply *reply = network.post(request, "body");
        QTRY_COMPARE(held.size(), std::size_t(1));
        QVERIFY(!reply->isFinished()); // nothing is answered until the engine says so
        held.front()->send({429, "text/plain", "later", {{"Retry-After", "7"}}});
        QTRY_VERIFY(reply->isFinished());
        QCOMPARE(status(reply), 429);
        QCOMPARE(reply->rawHeader("Retry-After"), QByteArray("7"));
        QCOMPARE(reply->readAll(), QByteArray("later"));
        delete reply;
    }

    void httpsWithACertificate()
    {
        const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
        if (openssl.isEmpty())
            QSKIP("openssl is not installed to make a test certificate");
        QTemporaryDir dir;
        QProcess p;
        p.start(openssl,
                {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                 QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-days"),
                 QStringLiteral("1"), QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"),
                 QStringLiteral("-keyout"), dir.filePath(QStringLiteral("key.pem")),
                 QStringLiteral("-out"), dir.filePath(QStringLiteral("cert.pem"))});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);

        HttpServer server;
        server.setHandler([](const HttpRequest &r, HttpReply reply) {
            reply.send(HttpResponse::text(200, QStringLiteral("secure ") + r.path()));
        });
        auto port = server.listen(
            QHostAddress::LocalHost, 0,
            {dir.filePath(QStringLiteral("cert.pem")), dir.filePath(QStringLiteral("key.pem"))});
        QVERIFY2(port.ok(), qPrintable(port.error()));
        QNetworkAccessManager network;
        QNetworkRequest request(
            QUrl(QStringLiteral("https://127.0.0.1:%1/hook").arg(port.value())));
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setPeerVerifyMode(QSslSocket::VerifyNone); // self-signed test certificate
        request.setSslConfiguration(tls);
        QNetworkReply *reply = network.get(request);
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10000);
        QCOMPARE(status(reply), 200);
        QCOMPARE(reply->readAll(), QByteArray("secure /hook"));
        delete reply;

        auto missing = HttpServer().listen(
            QHostAddress::LocalHost, 0,
            {dir.filePath(QStringLiteral("none.pem")), dir.filePath(QStringLiteral("key.pem"))});
        QVERIFY(!missing.ok());
        QVERIFY2(missing.error().contains(QLatin1String("Cannot read the TLS certificate")),
                 qPrintable(missing.error()));
    }

    void portInUseIsExplained()
    {
        HttpServer first;
        auto port = first.listen(QHostAddress::LocalHost, 0);
        QVERIFY(port.ok());
        HttpServer second;
        auto taken = second.listen(QHostAddress::LocalHost, port.value());
        QVERIFY(!taken.ok());
        QVERIFY2(taken.error().contains(QLatin1String("another program")),
                 qPrintable(taken.error()));
    }
};

QTEST_GUILESS_MAIN(TestHttpServer)
#include "tst_http_server.moc"
