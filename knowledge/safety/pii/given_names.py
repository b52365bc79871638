"""Given names, in many cultures; a name on a list is never the only sign of a name. A
listed word standing before a surname-shaped word reads as the start of a full name:
"Giovanni Russo asked …".

- `COMMON_GIVEN`: names common among the bank's clients and staff, kept by hand. It is
  the list for words in lower case ("fatima el-sayed asked"), where a longer list would
  take in everyday words ("banks", "page").
- `given_names()`: that list and the given names Faker keeps for every locale it has
  (about 21,000 in Latin script), for capitalised words.

Names that are everyday English words or brands on their own ("Grace", "Mark", "Will",
"Rose", "Jack") are on both: the rules that use the lists ask for more than the list.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil

_NAMES = """
aaliyah aaron abdul abdullah abdulrahman abena abigail abimbola adaeze adam adebayo adeola
adewale adrian adrien agnieszka ahmad ahmed ahmet aidan aiko aisha akua alain alan albert
alejandra alejandro aleksandra alex alexander alexandra alexandre alexis ali alicia alima
alina alisha amanda amara amarjit amber amina amir amit amy ana anan andrea andrei andrzej
angela angelica anh anil anita ann anna anne annie anthony antoine antonio anya aoife arash
arjun arman arnav arturo ashley ayesha ayodele ayumi azadeh bao barbara bartosz beata
beatriz benjamin benoit bilal binh bogdan brandon brian bronwyn camille carla carlos
carmen caroline catherine cecilia chanel chantal charlotte chayton chen cheng chiamaka
chidi chidinma chidubem chinedu chioma chloe christian christina christine chukwuemeka
cindy claire claude claudette claudia colin connor cristina cynthia dae dalia damilola
daniel daniela danielle dariusz david dawit deepak deepika denise dennis derek diana diego
dimitri dinh dmitri dominic dominique dong doug duc duong dylan eduardo efua ehsan elena
elif elizabeth elnaz emeka emilia emily emma emmanuel enrique eric erin esperanza esther
eun eunji ewa fadi farah farhan farid fatima fatoumata fernanda fernando fiona folake
francesca francisco francois françois funmilayo gabriel gabriela gagandeep gaurav
genevieve geneviève giorgio giovanni giuseppe grace graham grzegorz guadalupe guillaume
gurdeep gurpreet hadi hai hamza hana hannah hao harjit harpreet harvinder hassan heather
hee helen helena hiroshi hoa hong hung hussein hye hyun ibrahim ifeoma ikechukwu ilse
imran ines ingrid irina isabel isabella isabelle ivan jacek jakub jamal james jan jane
jasleen jasmine jason javier jaswinder jean jeanne jennifer jerome jessica jia jin jing
jiwon joanna jocelyn john jonathan jorge jose josé joseph joshua juan julia julie julien
jun justin kamal kamila karim karina karolina kasia katarzyna katherine kavita kayode kazuki
kemi kenji kevin khadija khalid kiran kofi kwabena kwame kwasi lakshmi lan laura lauren layla
leila leon liam lina linh lisa liu lorenzo louis luc lucas lucia lucie luis lukas lwazi
maciej magdalena mahmoud mai malgorzata małgorzata mandeep manon manpreet manuel marc
marcel marcin marco marek margaret maria maría mariam marie marisol mark marta martin
mary maryam mateusz mathieu matthew maya mehdi mei meena mehmet melissa miguel mihai
mikhail min minh ming mohamed mohammad mohammed monica monika mustafa nadia najib nam nasser
natalia natasha navdeep navjot neha nguyen nicolas nicole nikhil nina nirmala nkechi
noah noor nour nuno obinna ola olamide oleksandr olga olivia olumide olusegun oluwaseun
omar oscar pablo paolo paramjit parminder patricia patrick paul paula paulina pawel paweł
pedro peter phuong pierre piotr pooja prakash pradeep preeti priya priyanka qiang quang
rachel radek rafael rahul raj rajesh rajinder ramon ramón rana rania ravi rebecca reza
ricardo richard rita robert rodrigo rohan rohit roman rosa rosario ruth ryan sadia
sahar salma samantha samir samuel sandeep sandra sanjay sara sarah sebastian sébastien
seo seung shanti shauna shirin shreya simran simranjit sina siobhan sofia sophie sotheary
stefan stephanie steven sukhdeep sunil sunita suresh sven sylvie szymon tamara tanvir
tanya tatiana teresa thabo thanh thi thomas thu thuy tiago tomasz tran trinh tuan uchenna
valentina valerie vanessa vanh vasile victor vijay vikram vinh vivek vladimir wei wen
wojciech xavier xiao xin xu yan yasmin yasmine yen yi ying yong youssef yuki yuna yusuf
yvonne zahra zainab zhen zofia zoe
"""

# More given names common among clients across cultures (South Asian, East and Southeast
# Asian, African, Arabic, Persian, Slavic, Hispanic, French, Irish and Nordic), none an
# everyday English word.
_MORE = """
aarav abhishek aditi aditya akash akshay amrita anand anjali ankit ankita anupam arvind
ashok bhavna chandra darshan devendra dinesh divya gita hemant indira ishaan jagdish jayesh
karan kartik kishore krishna kumar lalit madhu mahesh manish manoj meera mohan nandini
naresh neelam nisha pallavi pankaj parveen pranav pratik radha raghav rakesh ramesh ranjit
rashmi ravinder rekha ritu sachin sanjana santosh satish seema shalini shankar sharmila shiv
siddharth smita sonia srinivas subhash sudha sumit swati tanvi tejas uma usha varun venkat
vidya vinay vishal yash yogesh zubair aiko akira ayaka daiki emi haruka haruto hina hiroko
hiroki kaito keiko kenta kohei mai masako megumi miho minoru naoko naoki ryo ryota sakura
satoshi shota sora takashi takumi tomoko yoko yui yuto chang chun feng guang hui jian jiang
jie juan kai lei li lian lin ling mei-ling ning qing rui shu tao ting wang wu xia xiang xiu
yang yu yue yun zhi zhong ji-woo ji-ho min-jun seo-yeon soo-jin hyun-woo ye-jin do-yun eun-
ji jae jae-won ha-eun thandiwe thabo sipho themba nomvula ayanda bongani lindiwe zanele
nandi kagiso mpho abebe alemu tesfaye selam hirut kebede oluwadamilare adaeze chinwe
chukwudi ngozi nnamdi obioma tochukwu uchechi yetunde bolaji babajide tunde adeyemi funke
kehinde taiwo yaw ama akosua kwaku kojo esi afua adwoa aminata moussa mamadou ousmane
ibrahima awa fatou seydou cheikh abdelaziz abdallah abdul-rahman amal amr anas aya bashir
fatma ghada hala hamid hanan hiba hisham issa jamila jihad karima khaled laila lamia latifa
majid malak marwan mona mounir nabil nadia najwa nasrin noura omid rami randa rashid reem
safa salim sami samira shadi tarek wael walid yasser yousef zaid zeinab arash babak bahram
dariush farzaneh golnar kian leyla mahsa maryam navid parisa reza roya saeed shahram shirin
soraya aleksander alexei anastasia andrii bogdana darya dmytro galina igor kateryna ksenia
lyudmila maksim nadezhda natalya nikolai oksana pavel sergei sergey svetlana taras viktor
yevgeny yulia zoran jelena dragan goran nikola agustín alejandro andrés beatriz camila
catalina consuelo esteban federico graciela guillermo inés jimena joaquín lorena marisa
milagros nicolás rocío santiago ximena yolanda amélie anaïs benoît clément élodie émilie
étienne françoise gaëlle hélène jérôme josée lise marc-andré marie-claude marie-ève mireille
nathalie pierre-luc stéphane sylvain yannick aoife ciara cormac eoin niamh oisín padraig
róisín saoirse seamus sinéad maeve astrid bjorn björn freya henrik ingrid lars magnus sigrid
soren søren
"""
COMMON_GIVEN = frozenset(_NAMES.split()) | frozenset(_MORE.split())

_FAKER_LISTS = ("first_names", "first_names_male", "first_names_female", "first_romanized_names")


def _latin(name: str) -> bool:
    return all((c.isalpha() and ord(c) < 0x250) or c in "-'" for c in name)


def _faker_names(lists: tuple[str, ...]) -> frozenset[str]:
    """Every locale's names of the kinds `lists` names in Faker's person providers, in
    Latin script."""
    import faker.providers.person as person

    found: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        for attr in lists:
            names = next((c.__dict__[attr] for c in provider.__mro__ if attr in c.__dict__), ())
            if isinstance(names, (list, tuple, dict)):
                found.update(n.lower() for n in names if isinstance(n, str) and _latin(n))
    return frozenset(found)


@functools.cache
def given_names() -> frozenset[str]:
    """`COMMON_GIVEN` and Faker's lists, read on first use (Faker's providers take about a
    sixth of a second to import, which start-up need not wait for)."""
    return COMMON_GIVEN | _faker_names(_FAKER_LISTS)


@functools.cache
def surnames() -> frozenset[str]:
    """Faker's family names for every locale, in Latin script, read on first use."""
    return _faker_names(("last_names", "last_romanized_names"))


@functools.cache
def any_names() -> frozenset[str]:
    """Given names and family names together, built once."""
    return given_names() | surnames()
