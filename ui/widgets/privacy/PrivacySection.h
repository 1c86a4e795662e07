#pragma once

#include "domain/Operator.h"

#include <QGroupBox>

class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace shopdesk {

class PrivacyService;

// Settings → Customers' privacy, for the owner: export everything kept about one customer (a
// zip of JSON and their files) or erase it (orders stay for the accounts, without a name), and
// how long the bot's traces and retrieval logs are kept. Others see it switched off.
class PrivacySection : public QGroupBox
{
    Q_OBJECT
public:
    PrivacySection(PrivacyService &privacy, QWidget *parent = nullptr);

    void setContext(qint64 tenantId, const Operator &signedIn);
    QLineEdit *phone() const { return m_phone; }
    // The buttons' steps without their dialogs (the dialogs call them; so do tests).
    void exportTo(const QString &zipPath);
    void eraseNow();
    void saveRetention();

Q_SIGNALS:
    void message(const QString &text, bool isError);

private:
    void askExport();
    void askErase();
    void setBusy(const QString &text);
    template<typename Next> void withCustomer(Next next);

    PrivacyService &m_privacy;
    qint64 m_tenantId = 0;
    Operator m_actor;
    QLineEdit *m_phone = nullptr;
    QPushButton *m_export = nullptr;
    QPushButton *m_erase = nullptr;
    QLabel *m_status = nullptr;
    QSpinBox *m_traceDays = nullptr;
    QSpinBox *m_retrievalDays = nullptr;
};

} // namespace shopdesk
