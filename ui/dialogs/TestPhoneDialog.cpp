#include "dialogs/TestPhoneDialog.h"

#include "core/ThreadHop.h"

#include "engine/Engine.h"
#include "messaging/PhoneAddress.h"
#include "messaging/SimulatorPhone.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPointer>
#include <QPushButton>
#include <QTime>
#include <QVBoxLayout>

namespace shopdesk {

TestPhoneDialog::TestPhoneDialog(Engine &engine, qint64 channelId, QWidget *parent)
    : QDialog(parent)
    , m_engine(engine)
    , m_channelId(channelId)
{
    setWindowTitle(tr("Test phone"));
    setAttribute(Qt::WA_DeleteOnClose);
    resize(380, 560);
    auto *layout = new QVBoxLayout(this);
    auto *who = new QFormLayout;
    m_phone = new QLineEdit(QStringLiteral("+91 90000 00001"), this);
    m_name = new QLineEdit(tr("Test customer"), this);
    who->addRow(tr("Customer's number"), m_phone);
    who->addRow(tr("Customer's name"), m_name);
    layout->addLayout(who);
    m_transcript = new QListWidget(this);
    m_transcript->setObjectName(QStringLiteral("phoneTranscript"));
    m_transcript->setWordWrap(true);
    m_transcript->setStyleSheet(QStringLiteral("QListWidget { background:#efeae2; }"));
    layout->addWidget(m_transcript, 1);
    auto *row = new QHBoxLayout;
    m_message = new QLineEdit(this);
    m_message->setObjectName(QStringLiteral("phoneMessage"));
    m_message->setPlaceholderText(tr("Type as the customer, e.g. 2 milk aur 1 bread"));
    auto *send = new QPushButton(tr("Send"), this);
    row->addWidget(m_message, 1);
    row->addWidget(send);
    layout->addLayout(row);
    auto *hint = new QLabel(tr("Your replies from the Inbox arrive here, with delivered and read "
                               "ticks sent back to the store."),
                            this);
    hint->setWordWrap(true);
    hint->setStyleSheet(QStringLiteral("color:#666;"));
    layout->addWidget(hint);
    connect(send, &QPushButton::clicked, this, &TestPhoneDialog::send);
    connect(m_message, &QLineEdit::returnPressed, this, &TestPhoneDialog::send);
    connect(&engine.simulator(), &SimulatorPhone::received, this,
            [this](qint64 channel, const QString &customer, const QString &text) {
                if (channel == m_channelId &&
                    PhoneAddress::digits(customer) == PhoneAddress::digits(m_phone->text()))
                    addLine(tr("Store"), text, false);
            });
}

void TestPhoneDialog::addLine(const QString &who, const QString &text, bool fromCustomer)
{
    auto *item = new QListWidgetItem(
        QStringLiteral("%1 · %2\n%3")
            .arg(who, QTime::currentTime().toString(QStringLiteral("HH:mm")), text));
    item->setTextAlignment(fromCustomer ? Qt::AlignRight : Qt::AlignLeft);
    item->setBackground(fromCustomer ? QColor(0xdc, 0xf8, 0xc6) : QColor(Qt::white));
    m_transcript->addItem(item);
    m_transcript->scrollToBottom();
}

void TestPhoneDialog::send()
{
    const QString text = m_message->text().trimmed();
    const QString phone = PhoneAddress::digits(m_phone->text());
    if (text.isEmpty() || phone.size() < 6)
        return;
    m_message->clear();
    addLine(tr("You (customer)"), text, true);
    const int row = m_transcript->count() - 1;
    // The simulator may live on the engine's thread: the answer comes back on this one.
    m_engine.simulator().customerSays(
        m_channelId, phone, m_name->text(), text,
        deliverTo(this, std::function<void(int)>([this, row](int status) {
                      if (status == 200 || row >= m_transcript->count())
                          return;
                      m_transcript->item(row)->setText(
                          m_transcript->item(row)->text() +
                          tr("\n(not delivered to the store: HTTP %1)").arg(status));
                  })));
}

} // namespace shopdesk
