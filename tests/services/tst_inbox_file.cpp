// SQLite keeps the webhooks' inbox in a file of its own beside the store: recording a webhook
// never waits for the store's write lock, and the two-step hand-over (applied in the store,
// then settled in the file) applies nothing twice, whatever stops it half way.
#include "storage/SqlBackend.h"
#include "storage/SqliteBackend.h"
#include "storage/Store.h"

#include <QDateTime>
#include <QTemporaryDir>
#include <QTest>

using namespace shopdesk;

class InboxFileTest : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_path;
    qint64 m_tenant = 0;
    qint64 m_channel = 0;

    std::unique_ptr<Store> open()
    {
        auto store = Store::open(DatabaseUrl::sqliteFile(m_path));
        if (!store)
            qFatal("%s", qPrintable(store.error()));
        return std::move(store).value();
    }
    InboundEvent event(int n) const
    {
        InboundEvent e;
        e.tenantId = m_tenant;
        e.channelId = m_channel;
        e.providerMessageId = QStringLiteral("wamid.file.%1").arg(n);
        e.body = QByteArrayLiteral("{}");
        return e;
    }
    static QList<qint64> ids(const QList<InboundEvent> &events)
    {
        QList<qint64> out;
        for (const InboundEvent &e : events)
            out << e.id;
        return out;
    }
    static qint64 count(SqlBackend &db, const QString &sql)
    {
        return db.query(sql).first().at(0).toLongLong();
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("store-%1.sqlite3")
                                    .arg(QString::fromLatin1(QTest::currentTestFunction())));
        auto store = open();
        auto tenant = store->tenants().addTenant(QStringLiteral("s1"), QStringLiteral("Store"));
        QVERIFY(tenant);
        Channel ch;
        ch.provider = QStringLiteral("meta");
        ch.name = QStringLiteral("Main number");
        auto channel = store->channels().addChannel(tenant->id, ch);
        QVERIFY(channel);
        m_tenant = tenant->id;
        m_channel = channel->id;
    }

    void theInboxIsAFileOfItsOwn()
    {
        auto store = open();
        QVERIFY(store->inbox().inOwnFile());
        QVERIFY(QFile::exists(Store::inboxFilePath(m_path)));
        QVERIFY(store->inbox().record({event(1)}));
        QCOMPARE(
            count(store->inboxBackend(), QStringLiteral("SELECT COUNT(*) FROM inbound_events")), 1);
        // The store's database has no such table any more.
        QCOMPARE(count(store->backend(), QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE "
                                                        "name LIKE 'inbound_events%'")),
                 0);
    }

    void recordingDoesNotWaitForTheStoresWriteLock()
    {
        auto store = open();
        // Another connection (the bot committing, the console saving) holds the store's write
        // lock for as long as it likes.
        SqliteBackend other(m_path);
        other.begin();
        other.exec(QStringLiteral("UPDATE tenants SET name = 'Busy' WHERE id = ?"), {m_tenant});
        // Recording needs only the inbox file: it is done while the lock is still held (it
        // would otherwise wait 10 s for the lock and fail).
        auto recorded = store->inbox().record({event(1), event(2)});
        QVERIFY2(recorded, qPrintable(recorded.error()));
        QCOMPARE(recorded.value(), (QList<bool>{true, true}));
        other.rollback();
    }

    // Processed raw webhooks older than the cut-off go; recent ones and ones still waiting stay.
    void oldProcessedWebhooksArePruned()
    {
        auto store = open();
        QVERIFY(store->inbox().record({event(1), event(2), event(3), event(4)}));
        store->backend().begin();
        auto waiting = store->inbox().unprocessed(10);
        QVERIFY(waiting);
        QVERIFY(store->inbox().markProcessed(ids(waiting->mid(0, 3)))); // 4 still waits
        store->backend().commit();
        QVERIFY(store->inbox().settle());
        const qint64 cutoff = QDateTime::currentMSecsSinceEpoch() - 1000;
        // 1, 2 and the waiting 4 were received long ago; 3 just now.
        store->inboxBackend().exec(
            QStringLiteral("UPDATE inbound_events SET received_at = ? WHERE provider_message_id "
                           "IN ('wamid.file.1', 'wamid.file.2', 'wamid.file.4')"),
            {cutoff - 40LL * 24 * 3600 * 1000});
        auto pruned = store->inbox().pruneProcessed(cutoff, 1); // a limit is kept
        QVERIFY2(pruned, qPrintable(pruned.error()));
        QCOMPARE(pruned.value(), 1);
        QCOMPARE(store->inbox().pruneProcessed(cutoff).value(), 1);
        QCOMPARE(store->inbox().pruneProcessed(cutoff).value(), 0);
        QStringList left;
        for (const SqlRow &r : store->inboxBackend().query(
                 QStringLiteral("SELECT provider_message_id FROM inbound_events ORDER BY id")))
            left << r.first().toString();
        QCOMPARE(left,
                 (QStringList{QStringLiteral("wamid.file.3"), QStringLiteral("wamid.file.4")}));
        // A late redelivery of a pruned message is recorded again, as new raw data; the message
        // table's own key keeps it from becoming a second bubble (tst_webhooks).
        QCOMPARE(store->inbox().countUnprocessed().value(), 1);
    }

    void anAppliedEventIsNotHandedOutAgainBeforeOrAfterARestart()
    {
        {
            auto store = open();
            QVERIFY(store->inbox().record({event(1), event(2), event(3)}));
            store->backend().begin();
            auto waiting = store->inbox().unprocessed(10);
            QVERIFY(waiting);
            QCOMPARE(waiting->size(), 3);
            QVERIFY(store->inbox().markProcessed(ids(waiting->mid(0, 2))));
            store->backend().commit();
            // Stopped here: the store knows, the inbox file not yet.
            auto left = store->inbox().unprocessed(10);
            QVERIFY(left);
            QCOMPARE(ids(left.value()), QList<qint64>{waiting->at(2).id});
            QCOMPARE(store->inbox().countUnprocessed().value(), 1);
            QVERIFY(!store->inbox().isUnprocessed(waiting->at(0).id).value());
            QVERIFY(store->inbox().isUnprocessed(waiting->at(2).id).value());
            QCOMPARE(count(store->inboxBackend(),
                           QStringLiteral(
                               "SELECT COUNT(*) FROM inbound_events WHERE processed_at IS NULL")),
                     3);
        }
        auto store = open(); // a restart
        auto left = store->inbox().unprocessed(10);
        QVERIFY(left);
        QCOMPARE(left->size(), 1);
        QCOMPARE(left->first().providerMessageId, QStringLiteral("wamid.file.3"));
        QVERIFY(store->inbox().settle());
        QCOMPARE(
            count(store->inboxBackend(),
                  QStringLiteral("SELECT COUNT(*) FROM inbound_events WHERE processed_at IS NULL")),
            1);
        QCOMPARE(count(store->backend(), QStringLiteral("SELECT COUNT(*) FROM inbox_applied")), 0);
        QCOMPARE(store->inbox().unprocessed(10)->size(), 1);
        QCOMPARE(store->inbox().countUnprocessed().value(), 1);
    }

    void aRolledBackApplyLeavesTheEventsWaiting()
    {
        auto store = open();
        QVERIFY(store->inbox().record({event(1), event(2)}));
        store->backend().begin();
        auto waiting = store->inbox().unprocessed(10);
        QVERIFY(waiting);
        QVERIFY(store->inbox().markProcessed(ids(waiting.value())));
        store->backend().rollback();
        QVERIFY(store->inbox().settle());
        QCOMPARE(store->inbox().unprocessed(10)->size(), 2);
        QCOMPARE(store->inbox().countUnprocessed().value(), 2);
    }

    void eventsAnOlderVersionKeptInTheDatabaseMoveIntoTheFile()
    {
        {
            // As migration 016 leaves a database whose inbox was inside it.
            SqliteBackend db(m_path);
            db.exec(
                QStringLiteral(
                    "CREATE TABLE inbound_events_moved (id INTEGER PRIMARY KEY, tenant_id INTEGER, "
                    "channel_id INTEGER, provider_message_id TEXT, kind TEXT, body TEXT, "
                    "received_at INTEGER, processed_at INTEGER)"),
                {});
            db.exec(
                QStringLiteral("INSERT INTO inbound_events_moved VALUES (41, ?, ?, 'wamid.old.1', "
                               "'message', '{}', 1000, 2000), (42, ?, ?, 'wamid.old.2', "
                               "'message', '{}', 3000, NULL)"),
                {m_tenant, m_channel, m_tenant, m_channel});
        }
        auto store = open();
        QCOMPARE(count(store->backend(), QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE "
                                                        "name = 'inbound_events_moved'")),
                 0);
        auto waiting = store->inbox().unprocessed(10);
        QVERIFY(waiting);
        QCOMPARE(waiting->size(), 1);
        QCOMPARE(waiting->first().id, 42);
        QCOMPARE(waiting->first().providerMessageId, QStringLiteral("wamid.old.2"));
        // The same delivery again is known; a new one comes after the old ids.
        auto again = store->inbox().record({event(9)});
        QVERIFY(again);
        InboundEvent old = event(0);
        old.providerMessageId = QStringLiteral("wamid.old.1");
        QCOMPARE(store->inbox().record({old}).value(), QList<bool>{false});
        QCOMPARE(count(store->inboxBackend(), QStringLiteral("SELECT MAX(id) FROM inbound_events")),
                 43);
    }

    void anEventOnAnotherStoresChannelIsRefused()
    {
        auto store = open();
        auto other = store->tenants().addTenant(QStringLiteral("s2"), QStringLiteral("Other"));
        QVERIFY(other);
        InboundEvent e = event(1);
        e.tenantId = other->id;
        const auto refused = store->inbox().record({e});
        QVERIFY(!refused);
        QVERIFY(refused.error().contains(QLatin1String("not one of this store's channels")));
        QCOMPARE(
            count(store->inboxBackend(), QStringLiteral("SELECT COUNT(*) FROM inbound_events")), 0);
    }
};

QTEST_GUILESS_MAIN(InboxFileTest)
#include "tst_inbox_file.moc"
