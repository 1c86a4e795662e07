#include "widgets/privacy/PrivacySection.h"

#include "access/Permission.h"
#include "privacy/PrivacyService.h"

#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>

namespace shopdesk {

PrivacySection::PrivacySection(PrivacyService &privacy, QWidget *parent)
    : QGroupBox(tr("Customers' privacy"), parent)
    , m_privacy(privacy)
{
    setObjectName(QStringLiteral("privacySection"));
    auto *form = new QFormLayout(this);
    auto *intro = new QLabel(tr("A customer may ask for everything you keep about them, or for "
                                "it to be deleted. Orders and what they owe stay in your "
                                "accounts, without their name."),
                             this);
    intro->setWordWrap(true);
    intro->setStyleSheet(QStringLiteral("color:#666;"));
    form->addRow(intro);
    auto *row = new QHBoxLayout;
    m_phone = new QLineEdit(this);
    m_phone->setObjectName(QStringLiteral("privacyPhone"));
    m_phone->setPlaceholderText(tr("Their WhatsApp number, e.g. +91 98765 43210"));
    m_export = new QPushButton(tr("Export their data…"), this);
    m_erase = new QPushButton(tr("Erase their data…"), this);
    m_erase->setStyleSheet(QStringLiteral("color:#b91c1c;"));
    row->addWidget(m_phone, 1);
    row->addWidget(m_export);
    row->addWidget(m_erase);
    form->addRow(tr("Customer"), row);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("privacyStatus"));
    m_status->setWordWrap(true);
    form->addRow(QString(), m_status);
    const auto days = [this](const QString &name) {
        auto *box = new QSpinBox(this);
        box->setObjectName(name);
        box->setRange(0, 3650);
        box->setSuffix(tr(" days"));
        box->setSpecialValueText(tr("keep"));
        return box;
    };
    m_traceDays = days(QStringLiteral("traceRetention"));
    m_retrievalDays = days(QStringLiteral("retrievalRetention"));
    auto *keep = new QHBoxLayout;
    keep->addWidget(new QLabel(tr("Bot traces"), this));
    keep->addWidget(m_traceDays);
    keep->addWidget(new QLabel(tr("Knowledge search log"), this));
    keep->addWidget(m_retrievalDays);
    auto *save = new QPushButton(tr("Save"), this);
    keep->addWidget(save);
    keep->addStretch(1);
    form->addRow(tr("Delete after"), keep);
    connect(m_export, &QPushButton::clicked, this, &PrivacySection::askExport);
    connect(m_erase, &QPushButton::clicked, this, &PrivacySection::askErase);
    connect(save, &QPushButton::clicked, this, &PrivacySection::saveRetention);
}

void PrivacySection::setContext(qint64 tenantId, const Operator &signedIn)
{
    m_tenantId = tenantId;
    m_actor = signedIn;
    const bool owner =
        signedIn.id > 0 && Permissions::allows(signedIn.role, Permission::CustomerPrivacy);
    setEnabled(owner);
    setToolTip(owner ? QString() : Permissions::refusal(Permission::CustomerPrivacy));
    if (tenantId <= 0)
        return;
    m_privacy.retention(tenantId, this, [this](Result<PrivacyService::Retention> r) {
        if (!r)
            return;
        m_traceDays->setValue(r.value().traceDays);
        m_retrievalDays->setValue(r.value().retrievalDays);
    });
}

void PrivacySection::setBusy(const QString &text)
{
    m_status->setText(text);
    m_export->setEnabled(text.isEmpty());
    m_erase->setEnabled(text.isEmpty());
}

template<typename Next> void PrivacySection::withCustomer(Next next)
{
    const QString phone = m_phone->text().trimmed();
    if (phone.isEmpty()) {
        Q_EMIT message(tr("Write the customer's WhatsApp number first."), true);
        return;
    }
    m_privacy.contactByPhone(m_tenantId, phone, this, [this, next](Result<qint64> contact) {
        if (!contact) {
            setBusy({});
            Q_EMIT message(contact.error(), true);
            return;
        }
        next(contact.value());
    });
}

void PrivacySection::exportTo(const QString &zipPath)
{
    setBusy(tr("Collecting their messages, orders and files…"));
    withCustomer([this, zipPath](qint64 contactId) {
        m_privacy.exportCustomer(
            m_tenantId, m_actor.id, contactId, zipPath, this, [this, zipPath](Status done) {
                setBusy({});
                Q_EMIT message(done ? tr("Saved %1. Send it to the customer; "
                                         "it holds their personal data.")
                                          .arg(QDir::toNativeSeparators(zipPath))
                                    : done.error(),
                               !done);
            });
    });
}

void PrivacySection::eraseNow()
{
    setBusy(tr("Erasing…"));
    withCustomer([this](qint64 contactId) {
        m_privacy.eraseCustomer(m_tenantId, m_actor.id, contactId, this, [this](Result<Erasure> e) {
            setBusy({});
            if (!e) {
                Q_EMIT message(e.error(), true);
                return;
            }
            m_phone->clear();
            Q_EMIT message(
                tr("Erased %n message(s) in %1 chat(s); %2 order(s) kept without a name.", nullptr,
                   e.value().messages)
                    .arg(e.value().conversations)
                    .arg(e.value().ordersKept),
                false);
        });
    });
}

void PrivacySection::saveRetention()
{
    m_privacy.setRetention(m_tenantId, m_actor.id, {m_traceDays->value(), m_retrievalDays->value()},
                           this, [this](Status saved) {
                               Q_EMIT message(saved ? tr("Saved: old traces and search logs are "
                                                         "deleted once a day.")
                                                    : saved.error(),
                                              !saved);
                           });
}

void PrivacySection::askExport()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export the customer's data"),
        QDir::home().filePath(QStringLiteral("customer-data.zip")), tr("Zip files (*.zip)"));
    if (!path.isEmpty())
        exportTo(path);
}

void PrivacySection::askErase()
{
    const QString phone = m_phone->text().trimmed();
    if (phone.isEmpty()) {
        Q_EMIT message(tr("Write the customer's WhatsApp number first."), true);
        return;
    }
    const auto answer = QMessageBox::warning(
        this, tr("Erase this customer's data?"),
        tr("Every message, photo and voice note of %1, the bot's notes about them and their "
           "reminders are deleted. Their orders and what they owe stay in your accounts, without "
           "their name or number. This cannot be undone.")
            .arg(phone),
        QMessageBox::Cancel | QMessageBox::Yes, QMessageBox::Cancel);
    if (answer == QMessageBox::Yes)
        eraseNow();
}

} // namespace shopdesk
