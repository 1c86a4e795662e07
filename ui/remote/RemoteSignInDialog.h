#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace shopdesk {

class RemoteConsoleClient;

// Signing in to a serve node from another computer: the server's address, the store, the
// person's name and password. Connects, signs in and closes when the node says yes; says in
// words what went wrong otherwise (cannot reach it, an untrusted certificate, a wrong password,
// too many tries) and stays open to try again.
class RemoteSignInDialog : public QDialog
{
    Q_OBJECT
public:
    RemoteSignInDialog(RemoteConsoleClient &client, const QString &address, const QString &store,
                       QWidget *parent = nullptr);

    QLineEdit *addressEdit() const { return m_address; }
    QLineEdit *storeEdit() const { return m_store; }
    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *passwordEdit() const { return m_password; }
    QPushButton *signInButton() const { return m_signIn; }
    QString errorText() const;
    // Signed out by the server (the sign-in expired): asks again with this sentence shown.
    void askAgain(const QString &why);
    // Fills in the person and signs in at once (a kiosk started by a script); on a refusal the
    // dialog stays with the reason, for a person to try.
    void signInAs(const QString &name, const QString &password);

private:
    void signIn();
    void finish(const QString &error);

    RemoteConsoleClient &m_client;
    QLineEdit *m_address = nullptr;
    QLineEdit *m_store = nullptr;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_password = nullptr;
    QLabel *m_error = nullptr;
    QPushButton *m_signIn = nullptr;
};

} // namespace shopdesk
