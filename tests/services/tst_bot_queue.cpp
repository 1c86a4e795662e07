// The bot's durable queue (BotQueueStore), on SQLite and PostgreSQL: a message waits until the
// turn that answers it commits; a message answered elsewhere is not answered again; on
// PostgreSQL one node at a time holds a chat and a dead node's lease expires.
#include "TestDatabases.h"
#include "TestSupport.h"
#include "storage/SqlBackend.h"
#include "storage/Store.h"

#include <QTest>

using namespace shopdesk;

class BotQueueTest : public QObject
{
    Q_OBJECT

    test::TestDatabases m_databases;
    DatabaseUrl m_url;
    std::unique_ptr<Store> m_store;
    qint64 m_tenant = 0;

    std::unique_ptr<Store> connect() const
    {
        auto s = Store::open(m_url);
        if (!s)
            qFatal("%s", qPrintable(s.error()));
        return std::move(s).value();
    }
    // A chat with `count` customer messages, queued for the bot in one transaction.
    BotQueueStore::Chat chatWith(const QString &phone, int count, QList<qint64> *ids = nullptr)
    {
        auto contact = m_store->conversations().upsertContact(m_tenant, phone, phone);
        auto conversation = m_store->conversations().openConversation(m_tenant, contact->id);
        QList<Message> drafts;
        for (int i = 0; i < count; ++i) {
            Message m;
            m.conversationId = conversation->id;
            m.author = Author::Customer;
            m.direction = Direction::Inbound;
            m.body = QStringLiteral("message %1").arg(i);
            drafts.append(m);
        }
        const Status queued = m_store->transact([&]() -> Status {
            auto stored = m_store->conversations().appendMessages(m_tenant, drafts);
            if (!stored)
                return Status::failure(stored);
            QList<qint64> list;
            for (const Message &m : stored.value())
                list.append(m.id);
            if (ids)
                *ids = list;
            return m_store->botQueue().enqueue(m_tenant, list);
        });
        if (!queued)
            qFatal("%s", qPrintable(queued.error()));
        return {m_tenant, conversation->id};
    }

private Q_SLOTS:
    void init()
    {
        m_url = m_databases.fresh();
        QVERIFY2(!m_url.toString().isEmpty(), qPrintable(m_databases.lastError()));
        m_store = connect();
        SD_TAKE(tenant, m_store->tenants().addTenant(QStringLiteral("q"), QStringLiteral("Q")));
        m_tenant = tenant.id;
    }
    void cleanup() { m_store.reset(); }

    void messagesWaitInOrderUntilTaken()
    {
        QList<qint64> ids;
        const auto chat = chatWith(QStringLiteral("+911"), 3, &ids);
        SD_TAKE(waiting, m_store->botQueue().waiting());
        QCOMPARE(waiting, 3);
        for (const qint64 id : std::as_const(ids)) {
            SD_TAKE(next, m_store->botQueue().next(chat));
            QVERIFY(next.has_value());
            QCOMPARE(next->id, id); // oldest first
            SD_TAKE(taken, m_store->botQueue().take(m_tenant, id));
            QCOMPARE(taken, BotQueueStore::Taken::Taken);
        }
        SD_TAKE(empty, m_store->botQueue().next(chat));
        QVERIFY(!empty.has_value());
        SD_TAKE(none, m_store->botQueue().waiting());
        QCOMPARE(none, 0);
        // Taking it again: another turn already answered it.
        SD_TAKE(again, m_store->botQueue().take(m_tenant, ids.first()));
        QCOMPARE(again, BotQueueStore::Taken::AlreadyAnswered);
    }

    void aRolledBackTurnLeavesTheMessageWaiting()
    {
        QList<qint64> ids;
        const auto chat = chatWith(QStringLiteral("+912"), 1, &ids);
        const Status failed = m_store->transact([&]() -> Status {
            auto taken = m_store->botQueue().take(m_tenant, ids.first());
            if (!taken)
                return Status::failure(taken);
            return Status::failure(QStringLiteral("the provider refused"), ErrorKind::Invalid);
        });
        QVERIFY(!failed.ok());
        QCOMPARE(failed.errorKind(), ErrorKind::Invalid);
        SD_TAKE(next, m_store->botQueue().next(chat));
        QVERIFY(next.has_value());
        QCOMPARE(next->id, ids.first());
    }

    void oneNodeAtATimeHoldsAChat()
    {
        if (!m_store->isPostgres())
            QSKIP("Leases are shared mode's: a SQLite file has one engine.");
        const auto chat = chatWith(QStringLiteral("+913"), 2);
        std::unique_ptr<Store> other = connect(); // another node's connection
        SD_TAKE(mine, m_store->botQueue().claim(chat, QStringLiteral("a"), 60000));
        QVERIFY(mine);
        SD_TAKE(theirs, other->botQueue().claim(chat, QStringLiteral("b"), 60000));
        QVERIFY(!theirs);
        SD_TAKE(renewed, m_store->botQueue().claim(chat, QStringLiteral("a"), 60000));
        QVERIFY(renewed);
        // What each node may take: b sees nothing while a holds it; a sees its own.
        SD_TAKE(forB, other->botQueue().available(QStringLiteral("b"), 10));
        QVERIFY(forB.isEmpty());
        SD_TAKE(forA, m_store->botQueue().available(QStringLiteral("a"), 10));
        QCOMPARE(forA.size(), 1);
        QCOMPARE(forA.first().conversationId, chat.conversationId);
        // Released, the other node takes it.
        QVERIFY(m_store->botQueue().release(chat, QStringLiteral("a")).ok());
        SD_TAKE(now, other->botQueue().claim(chat, QStringLiteral("b"), 60000));
        QVERIFY(now);
        // A release by a node that does not hold it changes nothing.
        QVERIFY(m_store->botQueue().release(chat, QStringLiteral("a")).ok());
        SD_TAKE(stillB, m_store->botQueue().claim(chat, QStringLiteral("a"), 60000));
        QVERIFY(!stillB);
    }

    void aDeadNodesLeaseExpires()
    {
        if (!m_store->isPostgres())
            QSKIP("Leases are shared mode's: a SQLite file has one engine.");
        const auto chat = chatWith(QStringLiteral("+914"), 1);
        SD_TAKE(held, m_store->botQueue().claim(chat, QStringLiteral("dead"), 150));
        QVERIFY(held);
        SD_TAKE(early, m_store->botQueue().claim(chat, QStringLiteral("live"), 60000));
        QVERIFY(!early);
        // The lease runs out (the clock is the database's caller's: wait for it, not a sleep).
        QVERIFY(QTest::qWaitFor(
            [&] {
                auto free = m_store->botQueue().available(QStringLiteral("live"), 10);
                return free && free->size() == 1;
            },
            5000));
        SD_TAKE(late, m_store->botQueue().claim(chat, QStringLiteral("live"), 60000));
        QVERIFY(late);
    }

    void chatsWithTheLongestWaitComeFirst()
    {
        const auto first = chatWith(QStringLiteral("+915"), 1);
        const auto second = chatWith(QStringLiteral("+916"), 1);
        SD_TAKE(chats, m_store->botQueue().available(QStringLiteral("n"), 10));
        QCOMPARE(chats.size(), 2);
        QCOMPARE(chats.at(0).conversationId, first.conversationId);
        QCOMPARE(chats.at(1).conversationId, second.conversationId);
        // Another store's chats are answered too, each with its own store.
        SD_TAKE(other, m_store->tenants().addTenant(QStringLiteral("r"), QStringLiteral("R")));
        const qint64 kept = m_tenant;
        m_tenant = other.id;
        const auto third = chatWith(QStringLiteral("+915"), 1);
        m_tenant = kept;
        SD_TAKE(all, m_store->botQueue().available(QStringLiteral("n"), 10));
        QCOMPARE(all.size(), 3);
        QCOMPARE(all.at(2).tenantId, other.id);
        QCOMPARE(all.at(2).conversationId, third.conversationId);
    }

    void aMessageNeverQueuedIsNotWaiting()
    {
        auto contact = m_store->conversations().upsertContact(m_tenant, QStringLiteral("+917"),
                                                              QStringLiteral("Old"));
        auto conversation = m_store->conversations().openConversation(m_tenant, contact->id);
        Message m;
        m.conversationId = conversation->id;
        m.author = Author::Customer;
        m.direction = Direction::Inbound;
        m.body = QStringLiteral("from before the queue");
        SD_TAKE(stored, m_store->conversations().appendMessage(m_tenant, m));
        SD_TAKE(next, m_store->botQueue().next({m_tenant, conversation->id}));
        QVERIFY(!next.has_value());
        SD_TAKE(taken, m_store->botQueue().take(m_tenant, stored.id));
        QCOMPARE(taken, BotQueueStore::Taken::NotQueued);
        // Another store cannot take this store's message.
        SD_TAKE(other, m_store->tenants().addTenant(QStringLiteral("s"), QStringLiteral("S")));
        QList<qint64> ids;
        chatWith(QStringLiteral("+918"), 1, &ids);
        SD_TAKE(foreign, m_store->botQueue().take(other.id, ids.first()));
        QCOMPARE(foreign, BotQueueStore::Taken::NotQueued);
        SD_TAKE(waiting, m_store->botQueue().waiting());
        QCOMPARE(waiting, 1);
    }
};

QTEST_GUILESS_MAIN(BotQueueTest)
#include "tst_bot_queue.moc"
