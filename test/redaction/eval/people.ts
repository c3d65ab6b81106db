/**
 * Names for the evaluation corpus. These lists were written for it by hand (no package and no
 * list the recognisers use): common given names and surnames of 20 origins, so that a name
 * dictionary on the recogniser side cannot simply contain all of them.
 */
import type { Random } from "../corpus/random.js";
import type { Lang } from "./lang.js";

type Origin = readonly [first: readonly string[], last: readonly string[]];

const ORIGINS: Readonly<Record<string, Origin>> = {
  english: [["Oliver", "Charlotte", "Harry", "Amelia", "George", "Isla", "Noah", "Ava", "Ethan", "Grace", "Liam", "Chloe", "Jack", "Megan", "Ryan", "Hannah"], ["Thompson", "Walker", "Robinson", "Clarke", "Hughes", "Edwards", "Turner", "Campbell", "Mitchell", "Bennett", "Carter", "Parker", "Collins", "Murphy", "Ward", "Fletcher"]],
  german: [["Maximilian", "Hannah", "Leon", "Mia", "Finn", "Emilia", "Paul", "Lea", "Niklas", "Johanna", "Florian", "Sabine", "Matthias", "Ulrike", "Stefanie", "Dieter"], ["Schulz", "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hartmann", "Lange", "Werner", "Krause", "Lehmann"]],
  french: [["Manon", "Lucas", "Clémence", "Antoine", "Juliette", "Baptiste", "Margaux", "Julien", "Océane", "Nicolas", "Mathilde", "Guillaume", "Aurélie", "Sébastien", "Pauline", "Rémi"], ["Lefebvre", "Leroy", "Roux", "David", "Bertrand", "Morel", "Fournier", "Mercier", "Blanc", "Guérin", "Boyer", "Garnier", "Faure", "André", "Gauthier", "Perrin"]],
  spanish: [["Mateo", "Valentina", "Hugo", "Martina", "Álvaro", "Paula", "Adrián", "Elena", "Sergio", "Irene", "Raúl", "Marta", "Iker", "Claudia", "Jorge", "Noelia"], ["Jiménez", "Moreno", "Muñoz", "Álvarez", "Romero", "Navarro", "Torres", "Domínguez", "Vázquez", "Ramos", "Gil", "Serrano", "Blanco", "Molina", "Castro", "Ortega"]],
  italian: [["Lorenzo", "Aurora", "Leonardo", "Ginevra", "Tommaso", "Beatrice", "Riccardo", "Alice", "Davide", "Elisa", "Federico", "Valeria", "Simone", "Silvia", "Stefano", "Noemi"], ["Conti", "De Luca", "Mancini", "Costa", "Giordano", "Rizzo", "Lombardi", "Moretti", "Barbieri", "Fontana", "Santoro", "Mariani", "Rinaldi", "Caruso", "Ferrara", "Galli"]],
  dutch: [["Lotte", "Thijs", "Femke", "Ruben", "Noor", "Jesse", "Isa", "Lars", "Roos", "Milan", "Sophie", "Bas", "Eline", "Wouter", "Maartje", "Koen"], ["de Jong", "Janssen", "van der Meer", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Vermeulen", "van den Broek", "Kok", "Verhoeven", "Bos", "Vos"]],
  polish: [["Kasia", "Tomasz", "Agnieszka", "Piotr", "Magdalena", "Krzysztof", "Zofia", "Michał", "Joanna", "Paweł", "Ewa", "Łukasz", "Aleksandra", "Wojciech", "Dorota", "Grzegorz"], ["Kowalski", "Nowak", "Wiśniewska", "Wójcik", "Kamiński", "Lewandowska", "Zieliński", "Szymańska", "Woźniak", "Dąbrowski", "Kozłowska", "Jankowski", "Mazur", "Kwiatkowski", "Krawczyk", "Piotrowska"]],
  brazilian: [["João", "Beatriz", "Gabriel", "Larissa", "Rafael", "Fernanda", "Thiago", "Juliana", "Lucas", "Camila", "Matheus", "Letícia", "Gustavo", "Mariana", "Vinícius", "Bruna"], ["Silva", "Santos", "Oliveira", "Souza", "Lima", "Pereira", "Carvalho", "Ferreira", "Rodrigues", "Almeida", "Nascimento", "Araújo", "Ribeiro", "Barbosa", "Cardoso", "Rocha"]],
  turkish: [["Mehmet", "Ayşe", "Mustafa", "Elif", "Emre", "Zeynep", "Burak", "Fatma", "Can", "Selin"], ["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Aydın", "Öztürk", "Arslan", "Doğan"]],
  arabic: [["Ahmed", "Fatima", "Omar", "Layla", "Youssef", "Amira", "Khalid", "Nour", "Hassan", "Salma"], ["Haddad", "Al-Sayed", "Mansour", "Khoury", "Nasser", "Farouk", "Hamdan", "Saleh", "Aziz", "Rahman"]],
  indian: [["Priya", "Arjun", "Ananya", "Rohan", "Kavya", "Vikram", "Deepika", "Aditya", "Sneha", "Rahul"], ["Sharma", "Iyer", "Reddy", "Gupta", "Nair", "Menon", "Chatterjee", "Kulkarni", "Banerjee", "Desai"]],
  chinese: [["Wei", "Xiaoling", "Jun", "Mei", "Hao", "Yan", "Lei", "Jing", "Tao", "Fang"], ["Wang", "Zhang", "Chen", "Liu", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun"]],
  japanese: [["Haruto", "Yui", "Sota", "Aoi", "Ren", "Hina", "Takumi", "Sakura", "Kenji", "Yuki"], ["Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura", "Kobayashi", "Kato"]],
  korean: [["Minjun", "Seoyeon", "Jiho", "Jiwoo", "Hyun", "Eunji", "Dongwook", "Soyeon"], ["Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Yoon", "Jang"]],
  vietnamese: [["Minh", "Linh", "Duc", "Thao", "Quang", "Huong", "Tuan", "Lan"], ["Tran", "Le", "Pham", "Hoang", "Vu", "Dang", "Bui", "Do"]],
  nigerian: [["Chinedu", "Ngozi", "Oluwaseun", "Adaeze", "Emeka", "Funmilayo", "Tunde", "Chiamaka"], ["Adeyemi", "Okonkwo", "Balogun", "Eze", "Nwosu", "Ogunleye", "Olawale", "Chukwu"]],
  greek: [["Giorgos", "Eleni", "Dimitris", "Katerina", "Nikos", "Sofia", "Yannis", "Maria"], ["Papadopoulos", "Georgiou", "Nikolaidis", "Konstantinou", "Vlachos", "Antoniou", "Dimitriou", "Karalis"]],
  ukrainian: [["Oleksandr", "Olena", "Andriy", "Iryna", "Dmytro", "Natalia", "Serhiy", "Yulia"], ["Shevchenko", "Bondarenko", "Kovalenko", "Tkachenko", "Kravchenko", "Melnyk", "Boyko", "Rudenko"]],
  nordic: [["Astrid", "Erik", "Ingrid", "Lars", "Freja", "Magnus", "Sigrid", "Nils"], ["Johansson", "Andersson", "Nilsson", "Lindqvist", "Hansen", "Eriksen", "Virtanen", "Korhonen"]],
  hungarian: [["Bence", "Réka", "Levente", "Zsófia", "Gergő", "Eszter"], ["Nagy", "Kovács", "Tóth", "Szabó", "Horváth", "Varga"]],
};

const HOME: Readonly<Record<Lang, string>> = {
  en: "english",
  de: "german",
  fr: "french",
  es: "spanish",
  it: "italian",
  nl: "dutch",
  pl: "polish",
  pt: "brazilian",
};

const ORIGIN_NAMES = Object.keys(ORIGINS);

export interface Person {
  readonly first: string;
  readonly last: string;
  readonly full: string;
}

/** Half the people carry a name of the message's language, the rest one of any origin. */
export function person(r: Random, lang: Lang): Person {
  const origin = ORIGINS[r.chance(0.5) ? HOME[lang] : r.pick(ORIGIN_NAMES)] ?? ORIGINS["english"];
  if (origin === undefined) throw new Error("no names");
  const first = r.pick(origin[0]);
  let last = r.pick(origin[1]);
  // Brazilians often carry two surnames, Spaniards always do.
  if ((lang === "pt" && r.chance(0.4)) || (lang === "es" && r.chance(0.3))) last = `${last} ${r.pick(origin[1])}`;
  return { first, last, full: `${first} ${last}` };
}

const DOMAINS = ["gmail.com", "outlook.com", "web.de", "gmx.de", "orange.fr", "free.fr", "yahoo.es", "libero.it", "ziggo.nl", "wp.pl", "o2.pl", "uol.com.br", "bol.com.br", "acme-corp.eu", "example.org", "firma.com.pl", "empresa.com.br", "proton.me"];

const ascii = (s: string): string =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/ł/g, "l")
    .replace(/ı/g, "i")
    .replace(/[^A-Za-z]/g, "")
    .toLowerCase();

export function emailOf(r: Random, p: Person): string {
  const shapes = [`${ascii(p.first)}.${ascii(p.last)}`, `${ascii(p.first).slice(0, 1)}${ascii(p.last)}`, `${ascii(p.first)}_${ascii(p.last)}${r.int(1, 99)}`, `${ascii(p.last)}.${ascii(p.first)}`, `${ascii(p.first)}${r.int(70, 99)}`];
  return `${r.pick(shapes)}@${r.pick(DOMAINS)}`;
}
