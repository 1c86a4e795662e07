// Every item model under QAbstractItemModelTester, fed by a real store through the worker.
#include "ConversationListModel.h"
#include "MessageListModel.h"
#include "ProductTableModel.h"
#include "StoreInboxSource.h"
#include "TenantListModel.h"
#include "TestDatabases.h"
#include "catalog/CatalogService.h"
#include "storage/StoreWorker.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace shopdesk;

class ModelsTest : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabases> m_dbs;
    std::unique_ptr<StoreWorker> m_worker;
    qint64 m_tenant = 0;
    QList<qint64> m_conversations;

    // Runs a job on the worker and waits for its answer.
    template<typename Job> auto sync(Job job)
    {
        using R = std::invoke_result_t<Job, Store &>;
        std::optional<R> answer;
        m_worker->run(this, job, [&answer](R r) { answer.emplace(std::move(r)); });
        [[maybe_unused]] const bool answered =
            QTest::qWaitFor([&] { return answer.has_value(); }, 10000);
        if (!answer || !answer->ok())
            qFatal("store job failed: %s", answer ? qPrintable(answer->error()) : "timeout");
        return std::move(*answer).value();
    }

    Message customerSays(qint64 conversationId, const QString &body)
    {
        Message m;
        m.conversationId = conversationId;
        m.body = body;
        return m;
    }

private Q_SLOTS:
    void init()
    {
        m_dbs = std::make_unique<test::TestDatabases>();
        m_worker = std::make_unique<StoreWorker>(m_dbs->fresh());
        m_worker->start();
        m_tenant = sync([](Store &s) {
                       return s.tenants().addTenant(QStringLiteral("shop"), QStringLiteral("Shop"));
                   }).id;
        sync([](Store &s) {
            return s.tenants().addTenant(QStringLiteral("other"), QStringLiteral("Other"));
        });
        m_conversations.clear();
        for (int i = 0; i < 3; ++i) {
            const qint64 tenant = m_tenant;
            const auto c = sync([tenant, i](Store &s) {
                auto contact =
                    s.conversations().upsertContact(tenant, QStringLiteral("91980000000%1").arg(i),
                                                    QStringLiteral("Customer %1").arg(i));
                return s.conversations().openConversation(tenant, contact->id);
            });
            m_conversations << c.id;
        }
        // 450 messages in the first conversation: three pages in the message model.
        QList<Message> many;
        for (int i = 0; i < 450; ++i)
            many << customerSays(m_conversations[0], QStringLiteral("message %1").arg(i));
        const qint64 tenant = m_tenant;
        sync([tenant, many](Store &s) { return s.conversations().appendMessages(tenant, many); });
        const qint64 second = m_conversations[1];
        sync([tenant, second, this](Store &s) {
            Message m = customerSays(second, QStringLiteral("latest"));
            m.createdAt = QDateTime::currentDateTimeUtc().addSecs(60);
            return s.conversations().appendMessage(tenant, m);
        });
    }
    void cleanup() { m_worker.reset(); }

    void tenantListModel()
    {
        TenantListModel model(*m_worker);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy loaded(&model, &TenantListModel::loaded);
        model.reload();
        QVERIFY(loaded.wait(5000));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.rowOfSlug(QStringLiteral("shop")), 1); // ordered by name: Other, Shop
        QCOMPARE(model.data(model.index(1), TenantListModel::IdRole).toLongLong(), m_tenant);
        // A new store appears without asking.
        sync([](Store &s) {
            return s.tenants().addTenant(QStringLiteral("third"), QStringLiteral("Third"));
        });
        QTRY_COMPARE(model.rowCount(), 3);
    }

    void conversationListModelOrdersAndFollowsNewMessages()
    {
        StoreInboxSource source(*m_worker);
        ConversationListModel model(source);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy loaded(&model, &ConversationListModel::loaded);
        model.setTenant(m_tenant);
        QVERIFY(loaded.wait(5000));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.data(model.index(0), ConversationListModel::ConversationIdRole).toLongLong(),
                 m_conversations[1]);
        QCOMPARE(model.data(model.index(0), ConversationListModel::PreviewRole).toString(),
                 QStringLiteral("latest"));
        QCOMPARE(model.data(model.index(0), ConversationListModel::OwnerRole).toString(),
                 QStringLiteral("bot"));

        // A message in the third conversation moves it to the top, in place, without a reload.
        QSignalSpy moved(&model, &QAbstractItemModel::rowsMoved);
        const qint64 tenant = m_tenant;
        const qint64 third = m_conversations[2];
        sync([tenant, third, this](Store &s) {
            Message m = customerSays(third, QStringLiteral("2 doodh aur 1 bread"));
            m.createdAt = QDateTime::currentDateTimeUtc().addSecs(120);
            return s.conversations().appendMessage(tenant, m);
        });
        QTRY_COMPARE(moved.size(), 1);
        QCOMPARE(model.data(model.index(0), ConversationListModel::ConversationIdRole).toLongLong(),
                 third);
        QCOMPARE(model.data(model.index(0), ConversationListModel::PreviewRole).toString(),
                 QStringLiteral("2 doodh aur 1 bread"));
        QCOMPARE(loaded.size(), 1);

        // Another store's list is another list.
        model.setTenant(m_tenant + 1);
        QVERIFY(loaded.wait(5000));
        QCOMPARE(model.rowCount(), 0);
    }

    void messageListModelPagesOlderMessagesAndAppendsLive()
    {
        StoreInboxSource source(*m_worker);
        MessageListModel model(source);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy loaded(&model, &MessageListModel::loaded);
        model.setConversation(m_tenant, m_conversations[0]);
        QVERIFY(loaded.wait(5000));
        QCOMPARE(model.rowCount(), MessageListModel::kPageSize);
        QCOMPARE(model.data(model.index(model.rowCount() - 1)).toString(),
                 QStringLiteral("message 449"));
        // Older pages arrive on demand (the model tester may ask for one itself), one request
        // at a time, each adding at most a page on top, until the first message.
        int previous = model.rowCount();
        while (model.isLoading() || model.canFetchMore({})) {
            if (!model.isLoading()) {
                model.fetchMore({});
                QVERIFY(!model.canFetchMore({}));
            }
            QVERIFY(loaded.wait(5000));
            QVERIFY(model.rowCount() > previous);
            QVERIFY(model.rowCount() - previous <= MessageListModel::kPageSize);
            previous = model.rowCount();
        }
        QCOMPARE(model.rowCount(), 450);
        QCOMPARE(model.data(model.index(0)).toString(), QStringLiteral("message 0"));
        QCOMPARE(model.data(model.index(50)).toString(), QStringLiteral("message 50"));

        const qint64 tenant = m_tenant;
        const qint64 first = m_conversations[0];
        sync([tenant, first, this](Store &s) {
            return s.conversations().appendMessages(tenant,
                                                    {customerSays(first, QStringLiteral("new 1")),
                                                     customerSays(first, QStringLiteral("new 2"))});
        });
        QTRY_COMPARE(model.rowCount(), 452);
        QCOMPARE(model.data(model.index(451)).toString(), QStringLiteral("new 2"));
        QCOMPARE(model.data(model.index(451), MessageListModel::AuthorRole).toString(),
                 QStringLiteral("customer"));
        // Messages of other conversations do not show up here.
        const qint64 second = m_conversations[1];
        sync([tenant, second, this](Store &s) {
            return s.conversations().appendMessage(
                tenant, customerSays(second, QStringLiteral("elsewhere")));
        });
        QTest::qWait(50);
        QCOMPARE(model.rowCount(), 452);
    }

    void switchingConversationDropsStaleAnswers()
    {
        StoreInboxSource source(*m_worker);
        MessageListModel model(source);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy loaded(&model, &MessageListModel::loaded);
        model.setConversation(m_tenant, m_conversations[0]); // 200 rows would arrive...
        model.setConversation(m_tenant, m_conversations[1]); // ...but this one was asked for last
        QVERIFY(loaded.wait(5000));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.data(model.index(0)).toString(), QStringLiteral("latest"));
        QTest::qWait(50);
        QCOMPARE(loaded.size(), 1);
    }

    void productTableModelMarksStock()
    {
        QList<Product> products;
        for (int i = 0; i < 5; ++i) {
            Product p;
            p.sku = QStringLiteral("SKU-%1").arg(i);
            p.name = QStringLiteral("Product %1").arg(i);
            p.priceMinor = 1000 * (i + 1);
            p.stock = i == 0 ? 0 : (i == 1 ? 2 : 50);
            p.lowStockThreshold = 5;
            products << p;
        }
        const qint64 tenant = m_tenant;
        sync([tenant, products](Store &s) { return s.catalog().upsertProducts(tenant, products); });
        CatalogService catalog(*m_worker);
        ProductTableModel model(*m_worker, catalog);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy loaded(&model, &ProductTableModel::loaded);
        model.setTenant(m_tenant);
        QVERIFY(loaded.wait(5000));
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.columnCount(), int(ProductTableModel::ColumnCount));
        QCOMPARE(model.outOfStockCount(), 1);
        QCOMPARE(model.lowStockCount(), 1);
        QCOMPARE(model.data(model.index(0, ProductTableModel::Stock)).toString(),
                 QStringLiteral("Out of stock"));
        QCOMPARE(model.data(model.index(0, 0), ProductTableModel::StockStateRole).toString(),
                 QStringLiteral("out"));
        QCOMPARE(model.data(model.index(1, 0), ProductTableModel::StockStateRole).toString(),
                 QStringLiteral("low"));
        QCOMPARE(model.data(model.index(2, ProductTableModel::Price)).toString(),
                 QStringLiteral("₹30.00"));
        QCOMPARE(model.data(model.index(2, ProductTableModel::Price), ProductTableModel::SortRole)
                     .toLongLong(),
                 3000);
        // An edit elsewhere reaches the table.
        products[0].stock = 12;
        sync([tenant, products](Store &s) {
            return s.catalog().upsertProducts(tenant, {products[0]});
        });
        QVERIFY(loaded.wait(5000));
        QCOMPARE(model.outOfStockCount(), 0);
    }
};

QTEST_GUILESS_MAIN(ModelsTest)
#include "tst_models.moc"
