#include "remote/RemoteSignInDialog.h"

#include "remote/RemoteConsoleClient.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace shopdesk {

RemoteSignInDialog::RemoteSignInDialog(RemoteConsoleClient &client, const QString &address,
                                       const QString &store, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
{
    setWindowTitle(tr("Sign in to your store's server"));
    setObjectName(QStringLiteral("remoteSignInDialog"));
    setMinimumWidth(460);
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("This console works on your store's server: the chats, stock and "
                                "reports are there, nothing is kept on this computer."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto *form = new QFormLayout;
    m_address = new QLineEdit(address, this);
    m_address->setPlaceholderText(QStringLiteral("wss://shop.example.com:8443"));
    m_store = new QLineEdit(store, this);
    m_store->setPlaceholderText(tr("the store's short name, e.g. sharma-kirana"));
    m_name = new QLineEdit(this);
    m_name->setPlaceholderText(tr("your name as the owner added you"));
    m_password = new QLineEdit(this);
    m_password->setEchoMode(QLineEdit::Password);
    form->addRow(tr("Server"), m_address);
    form->addRow(tr("Store"), m_store);
    form->addRow(tr("Your name"), m_name);
    form->addRow(tr("Password"), m_password);
    layout->addLayout(form);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("signInError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b3261e;"));
    m_error->hide();
    layout->addWidget(m_error);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_signIn = buttons->addButton(tr("Sign in"), QDialogButtonBox::AcceptRole);
    m_signIn->setDefault(true);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_signIn, &QPushButton::clicked, this, &RemoteSignInDialog::signIn);
    (m_name->text().isEmpty() && !m_store->text().isEmpty() ? m_name : m_address)->setFocus();
}

QString RemoteSignInDialog::errorText() const
{
    return m_error->isVisible() ? m_error->text() : QString();
}

void RemoteSignInDialog::askAgain(const QString &why)
{
    m_password->clear();
    m_error->setText(why);
    m_error->show();
    m_password->setFocus();
}

void RemoteSignInDialog::signInAs(const QString &name, const QString &password)
{
    m_name->setText(name);
    m_password->setText(password);
    signIn();
}

void RemoteSignInDialog::signIn()
{
    const QString store = m_store->text().trimmed();
    const QString name = m_name->text().simplified();
    const QString password = m_password->text();
    if (m_address->text().trimmed().isEmpty() || store.isEmpty() || name.isEmpty() ||
        password.isEmpty()) {
        finish(tr("Fill in the server, the store, your name and your password."));
        return;
    }
    m_signIn->setEnabled(false);
    m_error->setText(tr("Connecting…"));
    m_error->show();
    auto signInNow = [this, store, name, password] {
        m_client.signIn(store, name, password, this,
                        [this](Result<RemoteConsoleClient::Session> session) {
                            if (!session) {
                                finish(session.error());
                                return;
                            }
                            m_error->hide();
                            m_signIn->setEnabled(true);
                            accept();
                        });
    };
    if (m_client.isOpen()) {
        signInNow();
        return;
    }
    m_client.open(RemoteConsoleClient::apiUrl(m_address->text()), this,
                  [this, signInNow](Status opened) {
                      if (!opened) {
                          finish(opened.error());
                          return;
                      }
                      signInNow();
                  });
}

void RemoteSignInDialog::finish(const QString &error)
{
    m_signIn->setEnabled(true);
    m_error->setText(error);
    m_error->show();
    m_password->selectAll();
}

} // namespace shopdesk
