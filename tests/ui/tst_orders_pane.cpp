// The orders pane as a shop uses it: the orders the bot took, filtered by status and searched;
// an order's lines; marking it delivered or cancelling it; opening the customer's chat.
#include "ConsoleSettings.h"
#include "MainWindow.h"
#include "OrderTableModel.h"
#include "engine/Engine.h"
#include "panes/ConversationView.h"
#include "panes/InboxPane.h"
#include "panes/OrdersPane.h"
#include "storage/StoreWorker.h"
#include "widgets/BannerWidget.h"

#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace shopdesk;

class OrdersPaneTest : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home;
    std::unique_ptr<ConsoleSettings> m_settings;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<MainWindow> m_window;
    Order m_order;

    template<typename Job> auto run(Job job) -> std::invoke_result_t<Job, Store &>
    {
        using R = std::invoke_result_t<Job, Store &>;
        std::optional<R> out;
        QObject context;
        m_engine->store().run(&context, std::move(job), [&out](R r) { out.emplace(std::move(r)); });
        if (!QTest::qWaitFor([&] { return out.has_value(); }, 10000))
            return R::failure(QStringLiteral("no answer"));
        return std::move(*out);
    }

    QString statusInStore(qint64 orderId)
    {
        const qint64 tenant = m_window->currentTenantId();
        auto orders = run([tenant](Store &s) { return s.catalog().orders(tenant); });
        for (const Order &o : orders.value())
            if (o.id == orderId)
                return o.status;
        return {};
    }

    int rows() const { return m_window->ordersPane()->table()->model()->rowCount(); }

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("config")).toUtf8());
        QCoreApplication::setOrganizationName(QStringLiteral("ShopdeskTest"));
        QCoreApplication::setApplicationName(QStringLiteral("shopdesk-orders"));
        Engine::Options options;
        options.dataDir = m_home.filePath(QStringLiteral("data"));
        QDir().mkpath(options.dataDir);
        options.database = DatabaseUrl::defaultFor(options.dataDir);
        options.loadDemoIfEmpty = true;
        options.agent = false;
        m_settings = std::make_unique<ConsoleSettings>();
        m_engine = std::make_unique<Engine>(options);
        m_window = std::make_unique<MainWindow>(*m_engine, *m_settings);
        m_window->resize(1280, 800);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_engine->start();
        QTRY_COMPARE_WITH_TIMEOUT(m_engine->state(), Engine::State::Running, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->currentTenantId() > 0, 10000);
        m_window->showPane(MainWindow::Orders);

        // An order from a chat of the demo store, with two lines, waiting to be delivered.
        const qint64 tenant = m_window->currentTenantId();
        auto summaries = run([tenant](Store &s) { return s.conversations().summaries(tenant); });
        QVERIFY(summaries && !summaries->isEmpty());
        const ConversationSummary chat = summaries->first();
        auto products = run([tenant](Store &s) { return s.catalog().products(tenant); });
        Order o;
        o.contactId = chat.conversation.contactId;
        o.conversationId = chat.conversation.id;
        o.status = QStringLiteral("confirmed");
        o.lines = {
            {0, products->at(0).id, products->at(0).name, 2, {}, products->at(0).priceMinor, 0},
            {0, products->at(1).id, products->at(1).name, 1, {}, products->at(1).priceMinor, 0}};
        auto added = run([tenant, o](Store &s) { return s.catalog().addOrder(tenant, o); });
        QVERIFY2(added, qPrintable(added.error()));
        m_order = added.value();
        m_order.customerName = chat.contactName;
    }

    void listsTheOrdersAndFiltersThem()
    {
        const qint64 tenant = m_window->currentTenantId();
        auto all = run([tenant](Store &s) { return s.catalog().orders(tenant); });
        QTRY_COMPARE_WITH_TIMEOUT(rows(), int(all->size()), 10000);
        QVERIFY(rows() >= 2);
        int delivered = 0;
        for (const Order &o : all.value())
            delivered += o.status == QLatin1String("delivered") ? 1 : 0;
        QComboBox *filter = m_window->ordersPane()->statusFilter();
        filter->setCurrentIndex(filter->findData(QStringLiteral("delivered")));
        QCOMPARE(rows(), delivered);
        filter->setCurrentIndex(0);
        auto *search =
            m_window->ordersPane()->findChild<QLineEdit *>(QStringLiteral("orderSearch"));
        QTest::keyClicks(search, QStringLiteral("#%1").arg(m_order.id));
        QCOMPARE(rows(), 1);
        search->clear();
        QVERIFY(m_window->ordersPane()->summaryText().contains(QLatin1String("to deliver")));
    }

    void showsTheLinesAndMarksDelivered()
    {
        m_window->ordersPane()->selectOrder(m_order.id);
        QTableWidget *lines = m_window->ordersPane()->lines();
        QCOMPARE(lines->rowCount(), 2);
        QVERIFY2(lines->item(0, 0)->text().contains(m_order.lines.at(0).productName),
                 qPrintable(lines->item(0, 0)->text()));
        auto *detail = m_window->ordersPane()->findChild<QLabel *>(QStringLiteral("orderDetail"));
        QVERIFY2(detail->text().contains(QStringLiteral("#%1").arg(m_order.id)),
                 qPrintable(detail->text()));
        auto *deliver =
            m_window->ordersPane()->findChild<QPushButton *>(QStringLiteral("markDelivered"));
        QVERIFY(deliver->isEnabled());
        QDir().mkpath(qEnvironmentVariable("SHOPDESK_SCREENSHOT_DIR"));
        if (!qEnvironmentVariableIsEmpty("SHOPDESK_SCREENSHOT_DIR"))
            m_window->grab().save(QDir(qEnvironmentVariable("SHOPDESK_SCREENSHOT_DIR"))
                                      .filePath(QStringLiteral("orders.png")));
        QTest::mouseClick(deliver, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(statusInStore(m_order.id), QStringLiteral("delivered"), 10000);
        // Delivered is final: it cannot be cancelled any more.
        m_window->ordersPane()->selectOrder(m_order.id);
        QTRY_VERIFY(!m_window->ordersPane()
                         ->findChild<QPushButton *>(QStringLiteral("cancelOrder"))
                         ->isEnabled());
        m_window->ordersPane()->setSelectedStatus(QStringLiteral("cancelled"));
        QVERIFY2(m_window->banner()->text().contains(QLatin1String("already delivered")),
                 qPrintable(m_window->banner()->text()));
        QCOMPARE(statusInStore(m_order.id), QStringLiteral("delivered"));
    }

    void opensTheCustomersChat()
    {
        m_window->ordersPane()->selectOrder(m_order.id);
        auto buttons = m_window->ordersPane()->findChildren<QPushButton *>();
        QPushButton *chat = nullptr;
        for (QPushButton *b : buttons)
            if (b->text().contains(QLatin1String("chat")))
                chat = b;
        QVERIFY(chat && chat->isEnabled());
        QTest::mouseClick(chat, Qt::LeftButton);
        QCOMPARE(m_window->currentPane(), MainWindow::Inbox);
        const auto labels = m_window->inboxPane()->conversationView()->findChildren<QLabel *>();
        QVERIFY(std::any_of(labels.cbegin(), labels.cend(), [&](const QLabel *l) {
            return l->text().startsWith(m_order.customerName);
        }));
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_engine.reset();
    }
};

QTEST_MAIN(OrdersPaneTest)
#include "tst_orders_pane.moc"
