// The orders pane as a shop uses it: the orders the bot took, filtered by status and searched;
// an order's lines; marking it delivered or cancelling it; opening the customer's chat.
#include "ConsoleFixture.h"
#include "OrderTableModel.h"
#include "ReminderTableModel.h"
#include "engine/Engine.h"
#include "panes/ConversationView.h"
#include "panes/InboxPane.h"
#include "panes/OrdersPane.h"
#include "storage/StoreWorker.h"
#include "widgets/BannerWidget.h"
#include "widgets/OrderBillBar.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace shopdesk;

class OrdersPaneTest : public QObject
{
    Q_OBJECT

    test::ConsoleFixture console;
    Order m_order;

    template<typename Job> auto run(Job job) { return console.run(std::move(job)); }

    QString statusInStore(qint64 orderId)
    {
        const qint64 tenant = console.tenantId();
        auto orders = run([tenant](Store &s) { return s.catalog().orders(tenant); });
        for (const Order &o : orders.value())
            if (o.id == orderId)
                return o.status;
        return {};
    }

    int rows() { return console.window().ordersPane()->table()->model()->rowCount(); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(console.start(QStringLiteral("shopdesk-orders")));
        console.window().showPane(MainWindow::Orders);

        // An order from a chat of the demo store, with two lines, waiting to be delivered.
        const qint64 tenant = console.tenantId();
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
        const qint64 tenant = console.tenantId();
        auto all = run([tenant](Store &s) { return s.catalog().orders(tenant); });
        QTRY_COMPARE_WITH_TIMEOUT(rows(), int(all->size()), 10000);
        QVERIFY(rows() >= 2);
        int delivered = 0;
        for (const Order &o : all.value())
            delivered += o.status == QLatin1String("delivered") ? 1 : 0;
        QComboBox *filter = console.window().ordersPane()->statusFilter();
        filter->setCurrentIndex(filter->findData(QStringLiteral("delivered")));
        QCOMPARE(rows(), delivered);
        filter->setCurrentIndex(0);
        auto *search =
            console.window().ordersPane()->findChild<QLineEdit *>(QStringLiteral("orderSearch"));
        QTest::keyClicks(search, QStringLiteral("#%1").arg(m_order.id));
        QCOMPARE(rows(), 1);
        search->clear();
        QVERIFY(console.window().ordersPane()->summaryText().contains(QLatin1String("to deliver")));
    }

    void showsTheLinesAndMarksDelivered()
    {
        console.window().ordersPane()->selectOrder(m_order.id);
        QTableWidget *lines = console.window().ordersPane()->lines();
        QCOMPARE(lines->rowCount(), 2);
        QVERIFY2(lines->item(0, 0)->text().contains(m_order.lines.at(0).productName),
                 qPrintable(lines->item(0, 0)->text()));
        auto *detail =
            console.window().ordersPane()->findChild<QLabel *>(QStringLiteral("orderDetail"));
        QVERIFY2(detail->text().contains(QStringLiteral("#%1").arg(m_order.id)),
                 qPrintable(detail->text()));
        auto *deliver = console.window().ordersPane()->findChild<QPushButton *>(
            QStringLiteral("markDelivered"));
        QVERIFY(deliver->isEnabled());
        console.screenshot(QStringLiteral("orders"));
        QTest::mouseClick(deliver, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(statusInStore(m_order.id), QStringLiteral("delivered"), 10000);
        // Delivered is final: it cannot be cancelled any more.
        console.window().ordersPane()->selectOrder(m_order.id);
        QTRY_VERIFY(!console.window()
                         .ordersPane()
                         ->findChild<QPushButton *>(QStringLiteral("cancelOrder"))
                         ->isEnabled());
        console.window().ordersPane()->setSelectedStatus(QStringLiteral("cancelled"));
        QVERIFY2(console.window().banner()->text().contains(QLatin1String("already delivered")),
                 qPrintable(console.window().banner()->text()));
        QCOMPARE(statusInStore(m_order.id), QStringLiteral("delivered"));
    }

    void savesTheBillAndPutsTheOrderOnCredit()
    {
        console.window().ordersPane()->selectOrder(m_order.id);
        OrderBillBar *bar = console.window().ordersPane()->billBar();
        QVERIFY(bar->saveButton()->isEnabled());
        const QString path = console.path(QStringLiteral("bill.pdf"));
        bar->savePdf(path);
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(path), 10000);
        QFile pdf(path);
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        QVERIFY(pdf.read(5) == "%PDF-");
        QTRY_VERIFY(console.window().banner()->text().contains(QLatin1String("Saved Bill")));
        // On credit once: the customer's book has the order's total, and a second time is refused.
        QTest::mouseClick(bar->creditButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(
            console.window().banner()->text().contains(QLatin1String("added to the customer")),
            10000);
        const qint64 tenant = console.tenantId();
        const qint64 contact = m_order.contactId;
        auto owed =
            run([tenant, contact](Store &s) { return s.ledger().entries(tenant, contact); });
        QVERIFY(owed && !owed->isEmpty());
        QCOMPARE(owed->last().orderId, m_order.id);
        QTest::mouseClick(bar->creditButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(
            console.window().banner()->text().contains(QLatin1String("already on credit")), 10000);
    }

    void opensTheCustomersChat()
    {
        console.window().ordersPane()->selectOrder(m_order.id);
        auto buttons = console.window().ordersPane()->findChildren<QPushButton *>();
        QPushButton *chat = nullptr;
        for (QPushButton *b : buttons)
            if (b->text().contains(QLatin1String("chat")))
                chat = b;
        QVERIFY(chat && chat->isEnabled());
        QTest::mouseClick(chat, Qt::LeftButton);
        QCOMPARE(console.window().currentPane(), MainWindow::Inbox);
        const auto labels =
            console.window().inboxPane()->conversationView()->findChildren<QLabel *>();
        QVERIFY(std::any_of(labels.cbegin(), labels.cend(), [&](const QLabel *l) {
            return l->text().startsWith(m_order.customerName);
        }));
    }

    void paymentRemindersAreListedAndCancelled()
    {
        const qint64 tenant = console.tenantId();
        Reminder r;
        r.tenantId = tenant;
        r.contactId = m_order.contactId;
        r.conversationId = m_order.conversationId;
        r.dueAt = QDateTime::currentDateTimeUtc().addDays(2);
        r.amountMinor = 45000;
        r.body = QStringLiteral("₹450 is due.");
        auto added = run([r](Store &s) { return s.agent().addReminder(r); });
        QVERIFY(added);
        console.window().showPane(MainWindow::Orders);
        OrdersPane *pane = console.window().ordersPane();
        pane->tabs()->setCurrentIndex(1);
        auto *model = qobject_cast<ReminderTableModel *>(pane->reminders()->model());
        QVERIFY(model);
        QTRY_COMPARE(model->rowCount(), 1);
        QCOMPARE(model->index(0, ReminderTableModel::Customer).data().toString(),
                 m_order.customerName);
        QCOMPARE(model->index(0, ReminderTableModel::Amount).data().toString(),
                 QStringLiteral("₹450.00"));
        QCOMPARE(model->index(0, ReminderTableModel::State).data().toString(),
                 QStringLiteral("Scheduled"));
        console.screenshot(QStringLiteral("reminders"));
        pane->reminders()->setCurrentIndex(model->index(0, 0));
        QTest::mouseClick(pane->findChild<QPushButton *>(QStringLiteral("cancelReminder")),
                          Qt::LeftButton);
        QTRY_COMPARE(model->index(0, ReminderTableModel::State).data().toString(),
                     QStringLiteral("Cancelled"));
        auto stored = run([tenant](Store &s) { return s.agent().reminders(tenant); });
        QCOMPARE(stored->first().state, QStringLiteral("cancelled"));
        model->cancel(0);
        QVERIFY(
            console.window().banner()->text().contains(QLatin1String("Only a scheduled reminder")));
    }

    void cleanupTestCase() { console.stop(); }
};

QTEST_MAIN(OrdersPaneTest)
#include "tst_orders_pane.moc"
