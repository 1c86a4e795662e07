// The Customers pane as a shop uses it: the list, found by nickname or landmark; a walk-in
// customer added; a customer's ledger with its running balance; a payment recorded and an entry
// reversed from the console; details edited; the customer's chat opened; the owner's command
// bar (Ctrl+K) answering and writing only after "haan".
#include "ConsoleFixture.h"
#include "CustomerTableModel.h"
#include "LedgerTableModel.h"
#include "dialogs/CustomerDialog.h"
#include "dialogs/LedgerEntryDialog.h"
#include "engine/Engine.h"
#include "panes/CustomersPane.h"
#include "panes/InboxPane.h"
#include "storage/StoreWorker.h"
#include "widgets/CommandBar.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTest>

using namespace shopdesk;

class CustomersPaneTest : public QObject
{
    Q_OBJECT

    test::ConsoleFixture console;

    template<typename Job> auto run(Job job) { return console.run(std::move(job)); }
    CustomersPane *pane() { return console.window().customersPane(); }
    int rows() { return pane()->table()->model()->rowCount(); }
    int ledgerRows() { return pane()->ledger()->model()->rowCount(); }
    QString cell(int row, int column)
    {
        return pane()->table()->model()->index(row, column).data().toString();
    }
    // Types a search and waits until the list shows what the engine found.
    CustomerTableModel *model()
    {
        auto *proxy = qobject_cast<QSortFilterProxyModel *>(pane()->table()->model());
        return qobject_cast<CustomerTableModel *>(proxy->sourceModel());
    }
    void search(const QString &words, int expected)
    {
        // The list shows what the engine found for these words, not for the last search.
        QString loadedFor = QStringLiteral("\x01");
        const auto watch = connect(model(), &CustomerTableModel::loaded, this,
                                   [&] { loadedFor = model()->searchText(); });
        pane()->search()->clear();
        QTest::keyClicks(pane()->search(), words);
        QTRY_COMPARE_WITH_TIMEOUT(loadedFor, words, 10000);
        disconnect(watch);
        QCOMPARE(rows(), expected);
    }

    template<typename D> D *openDialog(QPushButton *button)
    {
        QTest::mouseClick(button, Qt::LeftButton);
        D *dialog = nullptr;
        QTest::qWaitFor([&] {
            dialog = pane()->findChild<D *>();
            return dialog && dialog->isVisible();
        });
        return dialog;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(console.start(QStringLiteral("shopdesk-customers")));
        console.window().showPane(MainWindow::Customers);
    }

    void listsCustomersAndFindsThemByNicknameOrLandmark()
    {
        const qint64 tenant = console.tenantId();
        auto all = run([tenant](Store &s) { return s.customers().customers(tenant); });
        QVERIFY(all && all->size() > 10);
        QTRY_COMPARE_WITH_TIMEOUT(rows(), int(all->size()), 10000);
        search(QStringLiteral("mandir"), 1);
        QCOMPARE(cell(0, CustomerTableModel::Name), QStringLiteral("Anjali Mehta"));
        search(QStringLiteral("teacher"), 1);
        QCOMPARE(cell(0, CustomerTableModel::Name), QStringLiteral("Rahul Verma"));
        QCOMPARE(cell(0, CustomerTableModel::Phone), QStringLiteral("Walk-in (no WhatsApp)"));
        search(QStringLiteral("rahul"), 2);
    }

    void addsAWalkInCustomer()
    {
        auto *dialog = openDialog<CustomerDialog>(pane()->addWalkInButton());
        QVERIFY(dialog);
        QPushButton *save = dialog->buttons()->button(QDialogButtonBox::Save);
        QVERIFY(!save->isEnabled()); // a name is needed
        QTest::keyClicks(dialog->nameEdit(), QStringLiteral("Gopal Yadav"));
        QTest::keyClicks(dialog->nicknameEdit(), QStringLiteral("Gopal dudhwala"));
        QTest::keyClicks(dialog->landmarkEdit(), QStringLiteral("dairy behind the temple"));
        QVERIFY(save->isEnabled());
        QTest::mouseClick(save, Qt::LeftButton);
        search(QStringLiteral("dudhwala"), 1);
        QTRY_COMPARE_WITH_TIMEOUT(pane()->selectedCustomer().profile.name,
                                  QStringLiteral("Gopal Yadav"), 10000);
        QVERIFY2(pane()->detailLabel()->text().contains(QLatin1String("walk-in")),
                 qPrintable(pane()->detailLabel()->text()));
        QVERIFY(!pane()->chatButton()->isEnabled());
        QTRY_COMPARE(pane()->balanceLabel()->text(), QStringLiteral("Owes nothing"));
    }

    void recordsAPaymentAndShowsTheRunningBalance()
    {
        search(QStringLiteral("sunita"), 1);
        pane()->table()->setCurrentIndex(pane()->table()->model()->index(0, 0));
        QTRY_COMPARE_WITH_TIMEOUT(ledgerRows(), 3, 10000);
        QTRY_COMPARE(pane()->balanceLabel()->text(), QStringLiteral("Owes ₹1100.00"));

        auto *dialog = openDialog<LedgerEntryDialog>(pane()->payButton());
        QVERIFY(dialog);
        QPushButton *ok = dialog->buttons()->button(QDialogButtonBox::Ok);
        QTest::keyClicks(dialog->amountEdit(), QStringLiteral("five hundred"));
        QVERIFY(!ok->isEnabled());
        dialog->amountEdit()->clear();
        QTest::keyClicks(dialog->amountEdit(), QStringLiteral("500"));
        QVERIFY(ok->isEnabled());
        dialog->methodBox()->setCurrentText(QStringLiteral("UPI"));
        QTest::keyClicks(dialog->noteEdit(), QStringLiteral("ref 4821"));
        QTest::mouseClick(ok, Qt::LeftButton);

        QTRY_COMPARE_WITH_TIMEOUT(ledgerRows(), 4, 10000);
        QTRY_COMPARE(pane()->balanceLabel()->text(), QStringLiteral("Owes ₹600.00"));
        const QAbstractItemModel *book = pane()->ledger()->model();
        QCOMPARE(book->index(3, LedgerTableModel::Balance).data().toString(),
                 QStringLiteral("₹600.00"));
        QVERIFY(book->index(3, LedgerTableModel::Entry)
                    .data()
                    .toString()
                    .contains(QLatin1String("Payment (UPI)")));
        // The list's balance follows.
        QTRY_COMPARE(cell(0, CustomerTableModel::Balance), QStringLiteral("₹600.00"));
        console.screenshot(QStringLiteral("customers"));
    }

    void reversesAnEntryInsteadOfEditingIt()
    {
        QTRY_COMPARE_WITH_TIMEOUT(ledgerRows(), 4, 10000);
        QVERIFY(!pane()->reverseButton()->isEnabled()); // nothing chosen yet
        pane()->ledger()->setCurrentIndex(pane()->ledger()->model()->index(3, 0));
        QVERIFY(pane()->reverseButton()->isEnabled());
        QTest::mouseClick(pane()->reverseButton(), Qt::LeftButton);
        QInputDialog *ask = nullptr;
        QVERIFY(QTest::qWaitFor([&] {
            ask = pane()->findChild<QInputDialog *>(QStringLiteral("reverseReason"));
            return ask && ask->isVisible();
        }));
        ask->setTextValue(QStringLiteral("entered for the wrong customer"));
        ask->accept();
        QTRY_COMPARE_WITH_TIMEOUT(ledgerRows(), 5, 10000);
        QTRY_COMPARE(pane()->balanceLabel()->text(), QStringLiteral("Owes ₹1100.00"));
        const QAbstractItemModel *book = pane()->ledger()->model();
        QVERIFY(book->index(3, LedgerTableModel::Note)
                    .data()
                    .toString()
                    .contains(QLatin1String("undone by")));
        QVERIFY(book->index(4, LedgerTableModel::Note)
                    .data()
                    .toString()
                    .contains(QLatin1String("wrong customer")));
        // The undone entry and its correction cannot be reversed again.
        pane()->ledger()->setCurrentIndex(book->index(3, 0));
        QVERIFY(!pane()->reverseButton()->isEnabled());
        pane()->ledger()->setCurrentIndex(book->index(4, 0));
        QVERIFY(!pane()->reverseButton()->isEnabled());
    }

    void editsDetailsAndOpensTheChat()
    {
        search(QStringLiteral("anjali"), 1);
        pane()->table()->setCurrentIndex(pane()->table()->model()->index(0, 0));
        auto *dialog = openDialog<CustomerDialog>(pane()->editButton());
        QVERIFY(dialog);
        dialog->nicknameEdit()->setText(QStringLiteral("Anju"));
        QTest::mouseClick(dialog->buttons()->button(QDialogButtonBox::Save), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(pane()->detailLabel()->text().contains(QLatin1String("Anju")),
                                 10000);
        QVERIFY(pane()->chatButton()->isEnabled());
        QTest::mouseClick(pane()->chatButton(), Qt::LeftButton);
        QCOMPARE(console.window().currentPane(), MainWindow::Inbox);
        QTRY_VERIFY(console.window().findChild<InboxPane *>()->openConversationId() ==
                    pane()->selectedCustomer().conversationId);
        console.window().showPane(MainWindow::Customers);
    }

    void withoutTheRightTheLedgerButtonsAreOff()
    {
        pane()->setCanKeepAccounts(false);
        QVERIFY(!pane()->payButton()->isEnabled());
        QVERIFY(!pane()->creditButton()->isEnabled());
        QVERIFY(pane()->payButton()->toolTip().contains(QLatin1String("manager or the owner")));
        pane()->setCanKeepAccounts(true);
        QVERIFY(pane()->payButton()->isEnabled());
    }

    void theCommandBarAnswersAndWritesAfterHaan()
    {
        CommandBar *bar = console.window().commandBar();
        QVERIFY(!bar->isVisible());
        console.window().activateWindow(); // the dialogs before had it
        QVERIFY(QTest::qWaitForWindowActive(&console.window()));
        QTest::keyClick(&console.window(), Qt::Key_K, Qt::ControlModifier);
        QTRY_VERIFY(bar->isVisible());
        const auto say = [&](const QString &text) -> QString {
            QTest::keyClicks(bar->line(), text);
            QTest::keyClick(bar->line(), Qt::Key_Return);
            if (!QTest::qWaitFor([&] { return !bar->busy(); }, 10000))
                return QStringLiteral("no answer");
            return bar->transcript()->text().section(QLatin1Char('\n'), -1);
        };
        const QString balance = say(QStringLiteral("Rahul bhaiya ka balance"));
        QVERIFY2(balance.contains(QStringLiteral("Rahul Sharma ka baki ₹150.00 hai")),
                 qPrintable(balance));
        const QString ask = say(QStringLiteral("usne 50 diye"));
        QVERIFY2(ask.contains(QStringLiteral("Rahul Sharma ne ₹50.00 diye (Cash)")),
                 qPrintable(ask));
        console.screenshot(QStringLiteral("command-bar"));
        const QString done = say(QStringLiteral("haan"));
        QVERIFY2(done.contains(QStringLiteral("₹100.00")), qPrintable(done));
        QTest::keyClick(bar->line(), Qt::Key_Escape);
        QVERIFY(!bar->isVisible());
    }
};

QTEST_MAIN(CustomersPaneTest)
#include "tst_customers_pane.moc"
