// Signing in at the console: a person with a PIN is asked for it (a wrong one is refused with
// the reason), an agent sees only what an agent may do, the console locks after the idle time
// and opens again for the right PIN, and the owner reads the audit log of all of it. On the
// demo store, with the real engine and SQLite.
#include "AuditLogModel.h"
#include "ConsoleFixture.h"
#include "ConsoleOperator.h"
#include "ConversationFilterModel.h"
#include "IdleLock.h"
#include "MainWindow.h"
#include "TestSupport.h"
#include "dialogs/SignInDialog.h"
#include "panes/AuditLogPane.h"
#include "panes/InboxPane.h"
#include "panes/SettingsPane.h"
#include "storage/SqlSupport.h"
#include "widgets/BannerWidget.h"
#include "widgets/ChannelsSection.h"
#include "widgets/people/PeopleSection.h"
#include "widgets/privacy/PrivacySection.h"

#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QTableView>
#include <QTableWidget>
#include <QtTest>

using namespace shopdesk;

class SignInTest : public QObject
{
    Q_OBJECT

    test::ConsoleFixture console;
    MainWindow &window() { return console.window(); }
    ConsoleOperator &who() { return *window().consoleOperator(); }
    PeopleSection *people() { return window().settingsPane()->people(); }
    int peopleRow(const QString &name)
    {
        QTableWidget *t = people()->table();
        for (int r = 0; r < t->rowCount(); ++r)
            if (t->item(r, 0) && t->item(r, 0)->text() == name)
                return r;
        return -1;
    }
    qint64 peopleId(const QString &name)
    {
        const int r = peopleRow(name);
        return r < 0 ? 0 : people()->table()->item(r, 0)->data(Qt::UserRole).toLongLong();
    }
    bool navigationShows(MainWindow::Pane pane)
    {
        return !window()
                    .findChild<QListWidget *>(QStringLiteral("navigation"))
                    ->item(pane)
                    ->isHidden();
    }
    // Signs in through the dialog as the person, with the secret.
    void signIn(const QString &name, const QString &secret)
    {
        if (!who().dialog())
            who().ask();
        QTRY_VERIFY(who().dialog() && who().dialog()->isVisible());
        SignInDialog *dialog = who().dialog();
        auto *pick = dialog->findChild<QComboBox *>(QStringLiteral("operatorPick"));
        QTRY_VERIFY(pick->count() > 0 && pick->isEnabled());
        pick->setCurrentIndex(pick->findText(name, Qt::MatchStartsWith));
        auto *secretEdit = dialog->findChild<QLineEdit *>(QStringLiteral("operatorSecret"));
        QTRY_VERIFY(secretEdit->isVisibleTo(dialog) == !secret.isEmpty());
        secretEdit->setText(secret);
        dialog->accept();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(console.start(QStringLiteral("tst_sign_in"), false, {1280, 860}));
        QCOMPARE(who().current().name, QStringLiteral("Rakesh Sharma"));
        // The owner gives Imran (an agent) a PIN in Settings → People.
        window().showPane(MainWindow::Settings);
        QTRY_VERIFY(peopleId(QStringLiteral("Imran Khan")) > 0);
        QVERIFY(people()->addButton()->isEnabled());
        people()->setSecret(peopleId(QStringLiteral("Imran Khan")), QStringLiteral("4821"));
        QTRY_VERIFY(people()->table()->item(peopleRow(QStringLiteral("Imran Khan")), 2)->text() ==
                    QStringLiteral("PIN or password"));
        console.screenshot(QStringLiteral("settings-people"));
    }

    void aWrongPinIsRefusedWithTheReason()
    {
        signIn(QStringLiteral("Imran Khan"), QStringLiteral("1111"));
        auto *error = who().dialog()->findChild<QLabel *>(QStringLiteral("operatorError"));
        QTRY_VERIFY_WITH_TIMEOUT(error->isVisible(), 10000);
        QVERIFY2(error->text().contains(QLatin1String("not Imran Khan's password or PIN")),
                 qPrintable(error->text()));
        QCOMPARE(who().current().name, QStringLiteral("Rakesh Sharma")); // nobody else yet
        QTest::qWait(0);
        if (auto *d = who().dialog())
            d->grab().save(qEnvironmentVariable("SHOPDESK_SCREENSHOT_DIR") +
                           QStringLiteral("/sign-in-wrong-pin.png"));
    }

    void anAgentSeesWhatAnAgentMayDo()
    {
        signIn(QStringLiteral("Imran Khan"), QStringLiteral("4821"));
        QTRY_COMPARE_WITH_TIMEOUT(who().current().name, QStringLiteral("Imran Khan"), 10000);
        QVERIFY(navigationShows(MainWindow::Inbox));
        QVERIFY(navigationShows(MainWindow::Orders));
        QVERIFY(navigationShows(MainWindow::Settings));
        QVERIFY(!navigationShows(MainWindow::Knowledge));
        QVERIFY(!navigationShows(MainWindow::Inventory));
        QVERIFY(!navigationShows(MainWindow::Analytics));
        QVERIFY(!navigationShows(MainWindow::Audit));
        window().showPane(MainWindow::Analytics); // refused: stays where it may
        QCOMPARE(window().currentPane(), MainWindow::Inbox);
        window().showPane(MainWindow::Settings);
        QVERIFY(!window().settingsPane()->channels()->isEnabled());
        QVERIFY(!people()->addButton()->isEnabled());
        QVERIFY(!window().settingsPane()->privacy()->isEnabled());
        console.screenshot(QStringLiteral("agent-settings"));
    }

    void theConsoleLocksWhenUnusedAndOpensForThePin()
    {
        QVERIFY(who().current().hasSecret);
        who().idleLock()->setTimeout(300);
        QTRY_VERIFY_WITH_TIMEOUT(window().isLocked(), 10000);
        QCOMPARE(who().current().id, 0);
        QTRY_VERIFY(who().dialog() && who().dialog()->isVisible());
        QVERIFY(who().dialog()->isModal());
        console.screenshot(QStringLiteral("console-locked"));
        who().idleLock()->setTimeout(0);
        signIn(QStringLiteral("Imran Khan"), QStringLiteral("4821"));
        QTRY_VERIFY_WITH_TIMEOUT(!window().isLocked(), 10000);
        QCOMPARE(who().current().name, QStringLiteral("Imran Khan"));
    }

    void theOwnerReadsTheAuditLog()
    {
        signIn(QStringLiteral("Rakesh Sharma"), QString());
        QTRY_COMPARE_WITH_TIMEOUT(who().current().name, QStringLiteral("Rakesh Sharma"), 10000);
        QVERIFY(navigationShows(MainWindow::Audit));
        window().showPane(MainWindow::Audit);
        AuditLogPane *audit = window().auditPane();
        audit->kindFilter()->setCurrentIndex(
            audit->kindFilter()->findData(QStringLiteral("signin")));
        QTRY_VERIFY_WITH_TIMEOUT(audit->model()->rowCount() >= 4, 10000);
        QStringList lines;
        for (int r = 0; r < audit->model()->rowCount(); ++r)
            lines << audit->model()->index(r, AuditLogModel::Who).data().toString() +
                         QLatin1Char(':') +
                         audit->model()->index(r, AuditLogModel::What).data().toString();
        QVERIFY2(lines.contains(QStringLiteral("Imran Khan:Wrong PIN or password")),
                 qPrintable(lines.join(u'|')));
        QVERIFY2(lines.contains(QStringLiteral("Imran Khan:Signed in")),
                 qPrintable(lines.join(u'|')));
        QVERIFY2(lines.contains(QStringLiteral("Rakesh Sharma:Signed in")),
                 qPrintable(lines.join(u'|')));
        // The owner's PIN change for Imran shows under People and roles.
        audit->kindFilter()->setCurrentIndex(
            audit->kindFilter()->findData(QStringLiteral("operator.")));
        QTRY_VERIFY_WITH_TIMEOUT(audit->model()->rowCount() == 1, 10000);
        QCOMPARE(audit->model()->index(0, AuditLogModel::What).data().toString(),
                 QStringLiteral("Set a PIN or password"));
        audit->kindFilter()->setCurrentIndex(0);
        QTRY_VERIFY(audit->model()->rowCount() > 4);
        QCOMPARE(audit->table()->editTriggers(), QAbstractItemView::NoEditTriggers);
        console.screenshot(QStringLiteral("audit-log"));
    }

    void theOwnerExportsAndErasesACustomerInSettings()
    {
        QCOMPARE(who().current().name, QStringLiteral("Rakesh Sharma"));
        window().showPane(MainWindow::Settings);
        PrivacySection *privacy = window().settingsPane()->privacy();
        QVERIFY(privacy->isEnabled());
        SD_TAKE(phone, console.run([this](Store &s) {
            return sql::guard([&] {
                return s.backend()
                    .query(QStringLiteral("SELECT k.phone FROM contacts k JOIN "
                                          "conversations c ON c.contact_id = k.id AND "
                                          "c.tenant_id = k.tenant_id WHERE k.tenant_id = ? "
                                          "ORDER BY k.id LIMIT 1"),
                           {console.tenantId()})
                    .first()[0]
                    .toString();
            });
        }));
        const QString zip = console.path(QStringLiteral("customer.zip"));
        privacy->phone()->setText(phone);
        privacy->exportTo(zip);
        QTRY_VERIFY_WITH_TIMEOUT(window().banner()->text().contains(QLatin1String("Saved")), 20000);
        QVERIFY(QFile(zip).size() > 100);
        const int chats = window().inboxPane()->filter()->sourceModel()->rowCount();
        console.window().settingsPane()->findChild<QScrollArea *>()->ensureWidgetVisible(privacy);
        console.screenshot(QStringLiteral("settings-privacy"));
        privacy->phone()->setText(phone);
        privacy->eraseNow();
        QTRY_VERIFY_WITH_TIMEOUT(window().banner()->text().startsWith(QLatin1String("Erased")),
                                 20000);
        QTRY_VERIFY(window().inboxPane()->filter()->sourceModel()->rowCount() < chats);
    }

    void cleanupTestCase() { console.stop(); }
};

QTEST_MAIN(SignInTest)
#include "tst_sign_in.moc"
