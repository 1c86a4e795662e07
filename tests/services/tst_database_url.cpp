#include "storage/DatabaseUrl.h"

#include <QTest>

using namespace shopdesk;

class DatabaseUrlTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sqliteForms()
    {
        auto a = DatabaseUrl::parse(QStringLiteral("sqlite:/var/lib/shop.db"));
        QVERIFY(a);
        QCOMPARE(a->kind(), DatabaseUrl::Kind::Sqlite);
        QCOMPARE(a->sqlitePath(), QStringLiteral("/var/lib/shop.db"));
        auto b = DatabaseUrl::parse(QStringLiteral("sqlite:///var/lib/shop.db"));
        QVERIFY(b);
        QCOMPARE(b->sqlitePath(), QStringLiteral("/var/lib/shop.db"));
        auto relative = DatabaseUrl::parse(QStringLiteral("sqlite:shop.db"));
        QVERIFY(relative);
        QVERIFY(relative->sqlitePath().startsWith(QLatin1Char('/')));
        QVERIFY(!DatabaseUrl::parse(QStringLiteral("sqlite:")));
        QCOMPARE(DatabaseUrl::defaultFor(QStringLiteral("/data")).sqlitePath(),
                 QStringLiteral("/data/shopdesk.sqlite3"));
    }
    void postgresForms()
    {
        for (const char *text :
             {"postgresql://u:p@db.local:5433/shop", "postgres://db.local/shop"}) {
            auto url = DatabaseUrl::parse(QString::fromLatin1(text));
            QVERIFY2(url, text);
            QCOMPARE(url->kind(), DatabaseUrl::Kind::Postgres);
        }
        QVERIFY(!DatabaseUrl::parse(QStringLiteral("postgresql:///nohost")));
    }
    void unknownSchemeSaysWhatToUse()
    {
        auto url = DatabaseUrl::parse(QStringLiteral("mysql://x/y"));
        QVERIFY(!url);
        QVERIFY(url.error().contains(QLatin1String("sqlite:PATH")));
        QVERIFY(url.error().contains(QLatin1String("mysql")));
    }
    void passwordsNeverShown()
    {
        auto url = DatabaseUrl::parse(QStringLiteral("postgresql://shop:s3cret@db.local/shop"));
        QVERIFY(url);
        QVERIFY(!url->redacted().contains(QLatin1String("s3cret")));
        QVERIFY(url->redacted().contains(QLatin1String("db.local")));
        auto bad = DatabaseUrl::parse(QStringLiteral("postgresql://shop:s3cret@/"));
        QVERIFY(!bad);
        QVERIFY(!bad.error().contains(QLatin1String("s3cret")));
    }
};

QTEST_GUILESS_MAIN(DatabaseUrlTest)
#include "tst_database_url.moc"
