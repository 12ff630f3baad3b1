// Prose in the languages the corpus checks, long enough (over 40 letters) for detection. Written for
// this project; each says roughly the same ordinary thing.
export const PROSE = {
  english:
    "Thank you for your message. The delivery will arrive on Monday morning, and our team will call you before it leaves the warehouse.",
  french:
    "Merci pour votre message. La livraison arrivera lundi matin, et notre équipe vous appellera avant qu'elle ne quitte l'entrepôt.",
  spanish:
    "Gracias por su mensaje. La entrega llegará el lunes por la mañana, y nuestro equipo le llamará antes de que salga del almacén.",
  german:
    "Vielen Dank für Ihre Nachricht. Die Lieferung kommt am Montagmorgen an, und unser Team ruft Sie an, bevor sie das Lager verlässt.",
  italian:
    "Grazie per il suo messaggio. La consegna arriverà lunedì mattina e il nostro team la chiamerà prima che lasci il magazzino.",
  portuguese:
    "Obrigado pela sua mensagem. A entrega chegará na segunda-feira de manhã, e a nossa equipa vai ligar-lhe antes de sair do armazém.",
  dutch:
    "Bedankt voor uw bericht. De levering komt maandagochtend aan, en ons team belt u voordat deze het magazijn verlaat.",
  arabic: "شكرا لرسالتك. سيصل الطلب صباح يوم الاثنين، وسيتصل بك فريقنا قبل أن يغادر المستودع.",
  hebrew: "תודה על ההודעה שלך. המשלוח יגיע ביום שני בבוקר, והצוות שלנו יתקשר אליך לפני שהוא יוצא מהמחסן.",
  russian:
    "Спасибо за ваше сообщение. Доставка прибудет в понедельник утром, и наша команда позвонит вам до того, как она покинет склад.",
  japanese:
    "メッセージをありがとうございます。配達は月曜日の朝に到着し、倉庫を出る前に私たちのチームがお電話します。",
  polish:
    "Dziękujemy za wiadomość. Dostawa dotrze w poniedziałek rano, a nasz zespół zadzwoni do Pana, zanim opuści magazyn.",
} as const;
