// Secrets at rest, on SQLite and PostgreSQL: channel tokens, app secrets and model keys are
// sealed with the data key (libsodium secretbox) before they reach the database and read back
// whole; the key lives in a 0600 key file where no keychain answers; secrets saved in plain
// text by an older version are sealed at the next start; and the database itself (the SQLite
// file and its write-ahead log, or PostgreSQL's rows read raw) holds none of them readable.
#include "TestDatabases.h"
#include "TestSupport.h"
#include "knowledge/KnowledgeSettings.h"
#include "storage/SecretBox.h"
#include "storage/SecretKeyStore.h"
#include "storage/SqlSupport.h"
#include "storage/Store.h"
#include "storage/StoreWorker.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace shopdesk;

namespace {

const QString kToken = QStringLiteral("EAAG-very-secret-meta-token-4711");
const QString kAppSecret = QStringLiteral("app-secret-0815-do-not-leak");
const QString kModelKey = QStringLiteral("sk-model-key-1234567890abcdef");

Channel metaChannel()
{
    Channel c;
    c.provider = QStringLiteral("meta");
    c.name = QStringLiteral("Shop number");
    c.configJson = QString::fromUtf8(
        QJsonDocument(QJsonObject{{QStringLiteral("phone_number_id"), QStringLiteral("PN1")},
                                  {QStringLiteral("access_token"), kToken},
                                  {QStringLiteral("app_secret"), kAppSecret},
                                  {QStringLiteral("verify_token"), QStringLiteral("verify-me-99")}})
            .toJson(QJsonDocument::Compact));
    return c;
}

QString modelEndpoint()
{
    return QString::fromUtf8(
        QJsonDocument(
            QJsonObject{{QStringLiteral("base_url"), QStringLiteral("http://127.0.0.1:9/v1")},
                        {QStringLiteral("model"), QStringLiteral("m")},
                        {QStringLiteral("api_key"), kModelKey}})
            .toJson(QJsonDocument::Compact));
}

} // namespace

class SecretsTest : public QObject
{
    Q_OBJECT

    test::TestDatabases m_databases;
    QTemporaryDir m_home;

    // Everything the database holds as text, read without the key: the SQLite file and its
    // write-ahead log byte for byte, or PostgreSQL's channel and settings rows raw.
    QByteArray rawDatabase(const DatabaseUrl &url)
    {
        if ((url.kind() == DatabaseUrl::Kind::Sqlite)) {
            QByteArray bytes;
            for (const QString &suffix : {QString(), QStringLiteral("-wal")}) {
                QFile f(url.sqlitePath() + suffix);
                if (f.open(QIODevice::ReadOnly))
                    bytes += f.readAll();
            }
            return bytes;
        }
        auto store = Store::open(url, false);
        if (!store)
            return {};
        QByteArray bytes;
        auto rows = sql::guard([&] {
            return store.value()->backend().query(QStringLiteral(
                "SELECT config FROM channels UNION ALL SELECT value FROM settings UNION ALL "
                "SELECT detail FROM audit_log"));
        });
        for (const SqlRow &r : rows ? rows.value() : SqlRows{})
            bytes += r[0].toString().toUtf8() + '\n';
        return bytes;
    }
    static bool leaks(const QByteArray &raw)
    {
        return raw.contains(kToken.toUtf8()) || raw.contains(kAppSecret.toUtf8()) ||
               raw.contains(kModelKey.toUtf8());
    }

private Q_SLOTS:
    void initTestCase()
    {
        // This computer has no desktop keychain (a server, CI): the key file is used.
        qunsetenv("DBUS_SESSION_BUS_ADDRESS");
        qunsetenv("SHOPDESK_SECRET_KEY_FILE");
    }

    void aSealedValueOpensOnlyWithItsKey()
    {
        const SecretBox box(SecretBox::newKey());
        QVERIFY(box.hasKey());
        SD_TAKE(sealed, box.seal(kToken));
        QVERIFY(SecretBox::isSealed(sealed));
        QVERIFY(!sealed.contains(kToken));
        SD_TAKE(opened, box.open(sealed));
        QCOMPARE(opened, kToken);
        // Two seals of one value differ (a fresh nonce each time).
        QVERIFY(box.seal(kToken).value() != sealed);
        // Another key, or no key, cannot open it; a damaged value is told apart.
        auto other = SecretBox(SecretBox::newKey()).open(sealed);
        QVERIFY(!other);
        QVERIFY2(other.error().contains(QLatin1String("another key")), qPrintable(other.error()));
        QVERIFY(!SecretBox().open(sealed));
        QString damaged = sealed;
        damaged[damaged.size() - 3] = damaged.at(damaged.size() - 3) == QLatin1Char('A')
                                          ? QLatin1Char('B')
                                          : QLatin1Char('A');
        auto broken = box.open(damaged);
        QVERIFY(!broken);
        QVERIFY2(broken.error().contains(QLatin1String("damaged")), qPrintable(broken.error()));
        // In JSON only the secret fields are sealed.
        SD_TAKE(json, box.sealFields(metaChannel().configJson));
        const QJsonObject o = QJsonDocument::fromJson(json.toUtf8()).object();
        QCOMPARE(o.value(QStringLiteral("phone_number_id")).toString(), QStringLiteral("PN1"));
        QVERIFY(SecretBox::isSealed(o.value(QStringLiteral("access_token")).toString()));
        QVERIFY(SecretBox::isSealed(o.value(QStringLiteral("app_secret")).toString()));
        QVERIFY(!SecretBox::hasPlainSecret(json));
        QVERIFY(SecretBox::hasPlainSecret(metaChannel().configJson));
        SD_TAKE(back, box.openFields(json));
        QCOMPARE(QJsonDocument::fromJson(back.toUtf8()).object(),
                 QJsonDocument::fromJson(metaChannel().configJson.toUtf8()).object());
    }

    void withoutAKeychainTheKeyIsAPrivateFile()
    {
        const QString dir = m_home.filePath(QStringLiteral("keys"));
        SD_TAKE(first, SecretKeyStore::load(dir, true)); // asks for the keychain, falls back
        QCOMPARE(first.where, QDir(dir).filePath(QStringLiteral("secrets.key")));
        QFile file(first.where);
        QVERIFY(file.exists());
        QCOMPARE(file.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
                 QFileDevice::Permissions());
        SD_TAKE(again, SecretKeyStore::load(dir, true));
        QCOMPARE(again.bytes, first.bytes); // the same key every start
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains(first.bytes)); // base64, not the raw key
        file.close();
        // A key file others can read is refused with what to do.
        QVERIFY(file.setPermissions(file.permissions() | QFileDevice::ReadOther));
        auto refused = SecretKeyStore::load(dir, false);
        QVERIFY(!refused);
        QVERIFY2(refused.error().contains(QLatin1String("chmod 600")), qPrintable(refused.error()));
    }

    void theDatabaseHoldsNoSecretInReadableForm()
    {
        const DatabaseUrl url = m_databases.fresh();
        QVERIFY2(m_databases.lastError().isEmpty(), qPrintable(m_databases.lastError()));
        const QString dataDir = m_home.filePath(QStringLiteral("engine"));
        {
            StoreWorker worker(url);
            worker.setSecretKeySource(dataDir);
            QSignalSpy ready(&worker, &StoreWorker::ready);
            worker.start();
            QVERIFY(ready.wait(20000));
            QVERIFY(QFile::exists(QDir(dataDir).filePath(QStringLiteral("secrets.key"))));
            auto saved = test::answerOf<Channel>([&](auto done) {
                worker.run(
                    this,
                    [](Store &s) -> Result<Channel> {
                        auto t = s.tenants().addTenant(QStringLiteral("corner"),
                                                       QStringLiteral("Corner"));
                        if (!t)
                            return Result<Channel>::failure(t);
                        auto set = s.tenants().setSetting(t->id, KnowledgeSettings::kChatKey,
                                                          modelEndpoint());
                        if (!set)
                            return Result<Channel>::failure(set);
                        return s.channels().addChannel(t->id, metaChannel());
                    },
                    std::move(done));
            });
            SD_VERIFY_OK(saved);
            // Read back whole through the store.
            const QJsonObject config =
                QJsonDocument::fromJson(saved.value().configJson.toUtf8()).object();
            QCOMPARE(config.value(QStringLiteral("access_token")).toString(), kToken);
            auto model = test::answerOf<QString>([&](auto done) {
                worker.run(
                    this,
                    [](Store &s) {
                        auto t = s.tenants().tenantBySlug(QStringLiteral("corner"));
                        return s.tenants().setting(t->id, KnowledgeSettings::kChatKey);
                    },
                    std::move(done));
            });
            SD_VERIFY_OK(model);
            QVERIFY(model.value().contains(kModelKey));
            worker.close();
        }
        const QByteArray raw = rawDatabase(url);
        QVERIFY(!raw.isEmpty());
        QVERIFY(raw.contains("PN1")); // the file was read: what is not secret is there
        QVERIFY(raw.contains("sdenc:v1:"));
        QVERIFY2(!leaks(raw), "a secret is readable in the database");
    }

    void plainSecretsFromBeforeAreSealedAtTheNextStart()
    {
        const DatabaseUrl url = m_databases.fresh();
        {
            // An older version, without a key: the token goes in as it is.
            SD_TAKE(old, Store::open(url));
            SD_TAKE(t, old->tenants().addTenant(QStringLiteral("corner"), QStringLiteral("C")));
            SD_VERIFY_OK(old->channels().addChannel(t.id, metaChannel()));
            SD_VERIFY_OK(
                old->tenants().setSetting(t.id, KnowledgeSettings::kChatKey, modelEndpoint()));
        }
        QVERIFY(leaks(rawDatabase(url))); // the test can see a leak when there is one
        const QString dataDir = m_home.filePath(QStringLiteral("upgrade"));
        StoreWorker worker(url);
        worker.setSecretKeySource(dataDir);
        QSignalSpy ready(&worker, &StoreWorker::ready);
        worker.start();
        QVERIFY(ready.wait(20000));
        auto channels = test::answerOf<QList<Channel>>([&](auto done) {
            worker.run(
                this,
                [](Store &s) {
                    return s.channels().channels(
                        s.tenants().tenantBySlug(QStringLiteral("corner"))->id);
                },
                std::move(done));
        });
        SD_VERIFY_OK(channels);
        QVERIFY(channels.value().first().configJson.contains(kToken));
        worker.close();
        if ((url.kind() == DatabaseUrl::Kind::Sqlite)) { // the old pages are overwritten once the
                                                         // log is copied back
            SD_TAKE(check, Store::open(url, false));
            SD_VERIFY_OK(sql::guard([&] {
                check->backend().query(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
                check->backend().exec(QStringLiteral("VACUUM"));
                return Done{};
            }));
        }
        QVERIFY2(!leaks(rawDatabase(url)), "a plain secret from before is still readable");
    }
};

QTEST_GUILESS_MAIN(SecretsTest)
#include "tst_secrets.moc"
