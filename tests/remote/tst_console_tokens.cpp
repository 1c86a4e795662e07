// The remote console's sign-in tokens: valid until their time is up, then refused and
// forgotten; unknown and revoked ones refused; each token different.
#include "remote/ConsoleTokens.h"

#include <QTest>

using namespace shopdesk;

class ConsoleTokensTest : public QObject
{
    Q_OBJECT

    QDateTime m_now = QDateTime(QDate(2026, 12, 4), QTime(10, 0), Qt::UTC);

    ConsoleGrant grant(qint64 tenant, qint64 person) const
    {
        ConsoleGrant g;
        g.tenantId = tenant;
        g.storeSlug = QStringLiteral("shop%1").arg(tenant);
        g.person.id = person;
        g.person.tenantId = tenant;
        return g;
    }

private Q_SLOTS:
    void aTokenLastsItsLifetimeThenIsRefused()
    {
        ConsoleTokens tokens(600, [this] { return m_now; });
        ConsoleGrant g = grant(1, 7);
        const QString token = tokens.issue(g);
        QCOMPARE(g.expiresAt, m_now.addSecs(600));
        QVERIFY(token.size() >= 40); // 32 random bytes, base64url

        m_now = m_now.addSecs(599);
        Result<ConsoleGrant> still = tokens.check(token);
        QVERIFY2(still, qPrintable(still.error()));
        QCOMPARE(still->person.id, qint64(7));
        QCOMPARE(still->tenantId, qint64(1));

        m_now = m_now.addSecs(1);
        Result<ConsoleGrant> expired = tokens.check(token);
        QVERIFY(!expired);
        QCOMPARE(expired.errorKind(), ErrorKind::Forbidden);
        QVERIFY2(expired.error().contains(QLatin1String("expired")), qPrintable(expired.error()));
        // Forgotten once expired: asked again, it is simply unknown.
        QVERIFY(!tokens.check(token).error().contains(QLatin1String("expired")));
    }

    void unknownRevokedAndEmptyTokensAreRefused()
    {
        ConsoleTokens tokens(600, [this] { return m_now; });
        ConsoleGrant a = grant(1, 7);
        ConsoleGrant b = grant(2, 9);
        const QString first = tokens.issue(a);
        const QString second = tokens.issue(b);
        QVERIFY(first != second);
        QCOMPARE(tokens.check(second)->tenantId, qint64(2));
        QCOMPARE(tokens.check(QString()).errorKind(), ErrorKind::Forbidden);
        QCOMPARE(tokens.check(first + QLatin1Char('x')).errorKind(), ErrorKind::Forbidden);
        tokens.revoke(first);
        QCOMPARE(tokens.check(first).errorKind(), ErrorKind::Forbidden);
        QVERIFY(tokens.check(second)); // the other person's stays
    }
};

QTEST_GUILESS_MAIN(ConsoleTokensTest)
#include "tst_console_tokens.moc"
