// The data key in a desktop's keychain (the Secret Service, through QtKeychain), as the console
// keeps it: run inside scripts/with-keyring.sh (a private D-Bus session with an unlocked GNOME
// keyring). The key is made there once and found again, one per data folder, never written to
// a file; an engine on that desktop seals channel tokens with it, and a second start opens
// them with the key the keychain gives back.
#include "TestSupport.h"
#include "engine/Engine.h"
#include "storage/ChannelStore.h"
#include "storage/SecretBox.h"
#include "storage/SecretKeyStore.h"
#include "storage/Store.h"
#include "storage/StoreWorker.h"
#include "storage/TenantStore.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace shopdesk;

namespace {

const QString kToken = QStringLiteral("EAAG-keychain-token-5f1c");

Result<SecretKeyStore::Key> fetch(const QString &dataDir)
{
    return test::answerOf<SecretKeyStore::Key>([&](auto done) {
        static QObject context;
        SecretKeyStore::fetchFromKeychain(dataDir, &context, std::move(done));
    });
}

} // namespace

class KeychainTest : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home;

    Engine::Options desktop(const QString &dataDir) const
    {
        Engine::Options o;
        o.dataDir = dataDir;
        o.database = DatabaseUrl::defaultFor(dataDir);
        o.keychain = true; // as the console asks
        o.agent = false;
        return o;
    }
    static bool run(Engine &engine)
    {
        engine.start();
        return QTest::qWaitFor([&] { return engine.state() == Engine::State::Running; }, 20000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(SecretKeyStore::desktopSession(),
                 "No session bus: run this test through scripts/with-keyring.sh (ctest does).");
    }

    void theKeyIsKeptInTheKeychainNotInAFile()
    {
        const QString desk = m_home.filePath(QStringLiteral("desk"));
        QVERIFY(QDir().mkpath(desk));
        QVERIFY(SecretKeyStore::keychainWanted(desk, true));
        SD_TAKE(first, fetch(desk));
        QCOMPARE(first.bytes.size(), SecretBox::kKeyBytes);
        QVERIFY2(first.where.contains(QLatin1String("keychain")), qPrintable(first.where));
        QVERIFY(!QFile::exists(SecretKeyStore::keyFilePath(desk)));
        SD_TAKE(again, fetch(desk));
        QCOMPARE(again.bytes, first.bytes); // found again, not made anew
        // Another data folder (another store on this computer) has a key of its own.
        const QString other = m_home.filePath(QStringLiteral("other"));
        QVERIFY(QDir().mkpath(other));
        SD_TAKE(second, fetch(other));
        QVERIFY(second.bytes != first.bytes);
        // A key file already there wins: it sealed what is in that database.
        const QString withFile = m_home.filePath(QStringLiteral("with-file"));
        QVERIFY(SecretKeyStore::fromFile(SecretKeyStore::keyFilePath(withFile)).ok());
        QVERIFY(!SecretKeyStore::keychainWanted(withFile, true));
    }

    void anEngineOnTheDesktopSealsWithTheKeychainsKey()
    {
        const QString dataDir = m_home.filePath(QStringLiteral("engine"));
        QVERIFY(QDir().mkpath(dataDir));
        qint64 tenant = 0;
        {
            Engine engine(desktop(dataDir));
            QVERIFY(run(engine));
            auto added = test::answerOf<Channel>([&](auto done) {
                engine.store().run(
                    this,
                    [](Store &s) -> Result<Channel> {
                        auto t =
                            s.tenants().addTenant(QStringLiteral("desk"), QStringLiteral("Desk"));
                        if (!t)
                            return Result<Channel>::failure(t);
                        Channel c;
                        c.provider = QStringLiteral("meta");
                        c.name = QStringLiteral("Shop number");
                        c.configJson = QString::fromUtf8(
                            QJsonDocument(QJsonObject{{QStringLiteral("phone_number_id"),
                                                       QStringLiteral("PN7")},
                                                      {QStringLiteral("access_token"), kToken}})
                                .toJson(QJsonDocument::Compact));
                        return s.channels().addChannel(t->id, c);
                    },
                    std::move(done));
            });
            SD_VERIFY_OK(added);
            tenant = added->tenantId;
            engine.stop();
        }
        QVERIFY(!QFile::exists(SecretKeyStore::keyFilePath(dataDir)));
        QByteArray raw;
        const QString file = DatabaseUrl::defaultFor(dataDir).sqlitePath();
        for (const QString &suffix : {QString(), QStringLiteral("-wal")}) {
            QFile f(file + suffix);
            if (f.open(QIODevice::ReadOnly))
                raw += f.readAll();
        }
        QVERIFY(raw.contains("PN7"));
        QVERIFY(raw.contains("sdenc:v1:"));
        QVERIFY2(!raw.contains(kToken.toUtf8()), "the token is readable in the database file");

        // The next start gets the same key from the keychain and opens the token.
        Engine again(desktop(dataDir));
        QVERIFY(run(again));
        auto channels = test::answerOf<QList<Channel>>([&](auto done) {
            again.store().run(
                this, [tenant](Store &s) { return s.channels().channels(tenant); },
                std::move(done));
        });
        SD_VERIFY_OK(channels);
        QCOMPARE(channels->size(), 1);
        const QJsonObject config =
            QJsonDocument::fromJson(channels->first().configJson.toUtf8()).object();
        QCOMPARE(config.value(QLatin1String("access_token")).toString(), kToken);
        again.stop();
    }
};

QTEST_GUILESS_MAIN(KeychainTest)
#include "tst_keychain.moc"
